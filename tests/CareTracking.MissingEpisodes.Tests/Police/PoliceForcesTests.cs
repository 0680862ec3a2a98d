using CareTracking.MissingEpisodes.Police;

namespace CareTracking.MissingEpisodes.Tests.Police;

public class PoliceForcesTests
{
    // England's 39 territorial forces and the City of London Police, as lower-kebab routing keys.
    static readonly string[] EnglishForces =
    [
        "avon-and-somerset", "bedfordshire", "cambridgeshire", "cheshire", "city-of-london", "cleveland", "cumbria",
        "derbyshire", "devon-and-cornwall", "dorset", "durham", "essex", "gloucestershire", "greater-manchester",
        "hampshire-and-isle-of-wight", "hertfordshire", "humberside", "kent", "lancashire", "leicestershire",
        "lincolnshire", "merseyside", "metropolitan", "norfolk", "north-yorkshire", "northamptonshire", "northumbria",
        "nottinghamshire", "south-yorkshire", "staffordshire", "suffolk", "surrey", "sussex", "thames-valley",
        "warwickshire", "west-mercia", "west-midlands", "west-yorkshire", "wiltshire",
    ];

    [Theory]
    [InlineData("DE", "derbyshire")]
    [InlineData("LE", "leicestershire")]
    [InlineData("NG", "nottinghamshire")]
    [InlineData("B", "west-midlands")]
    [InlineData("SE", "metropolitan")]
    [InlineData("M", "greater-manchester")]
    [InlineData("PO", "hampshire-and-isle-of-wight")]
    [InlineData("de", "derbyshire")]
    [InlineData("DE22", "derbyshire")]
    [InlineData("DE22 3AB", "derbyshire")]
    [InlineData("S1 2HE", "south-yorkshire")]
    public void a_placement_postcode_area_maps_to_its_principal_force(string area, string force) =>
        Assert.Equal(force, PoliceForces.BuiltIn.ForArea(area));

    [Theory]
    [InlineData("831", "derbyshire")]
    [InlineData("830", "derbyshire")]
    [InlineData("855", "leicestershire")]
    [InlineData("856", "leicestershire")]
    [InlineData("892", "nottinghamshire")]
    [InlineData("201", "city-of-london")]
    public void an_authority_maps_to_its_force(string authority, string force) =>
        Assert.Equal(force, PoliceForces.BuiltIn.ForAuthority(authority));

    [Theory]
    [InlineData("NG", "856", "nottinghamshire")] // placed in Nottinghamshire by Leicester: the placement decides
    [InlineData("CH", "831", "derbyshire")]      // CH is split between forces: the authority decides
    [InlineData(null, "855", "leicestershire")]
    [InlineData("CF", "999", "unmapped")]        // Cardiff, and no such authority
    public void the_routing_key_is_the_placement_force_else_the_authority_force_else_unmapped(string? area, string authority, string key) =>
        Assert.Equal(key, PoliceForces.BuiltIn.RoutingKeyFor(area, authority));

    [Fact]
    public void every_force_in_the_built_in_table_is_an_english_force() =>
        Assert.All(PoliceForces.BuiltIn.Areas.Values.Concat(PoliceForces.BuiltIn.Authorities.Values),
            force => Assert.Contains(force, EnglishForces));

    [Fact]
    public void the_csv_copied_beside_the_binaries_is_the_built_in_table()
    {
        var copied = PoliceForces.LoadFile(Path.Combine(AppContext.BaseDirectory, "Police", "police-forces.csv"));

        Assert.Equal(PoliceForces.BuiltIn.Areas, copied.Areas);
        Assert.Equal(PoliceForces.BuiltIn.Authorities, copied.Authorities);
        Assert.True(copied.Areas.Count >= 80);
    }

    [Fact]
    public void a_loaded_table_replaces_the_built_in_one()
    {
        var forces = PoliceForces.Load(new StringReader("""
            # a force's own test table
            kind,key,force
            area,DE,staffordshire
            authority,831,derbyshire
            """));

        Assert.Equal(("staffordshire", null, "derbyshire"), (forces.ForArea("DE"), forces.ForArea("LE"), forces.ForAuthority("831")));
    }

    [Theory]
    [InlineData("key,kind,force\narea,DE,derbyshire", "header")]
    [InlineData("kind,key,force\ncounty,DE,derbyshire", "kind")]
    [InlineData("kind,key,force\narea,DE,Derbyshire Constabulary", "lower-kebab")]
    [InlineData("kind,key,force\narea,DE1,derbyshire", "postcode area")]
    [InlineData("kind,key,force\narea,DE,derbyshire\narea,de,staffordshire", "twice")]
    [InlineData("kind,key,force\narea,DE", "3 columns")]
    [InlineData("# only a comment", "empty")]
    public void a_malformed_table_is_refused_naming_the_problem(string csv, string problem) =>
        Assert.Contains(problem, Assert.Throws<FormatException>(() => PoliceForces.Load(new StringReader(csv))).Message);
}
