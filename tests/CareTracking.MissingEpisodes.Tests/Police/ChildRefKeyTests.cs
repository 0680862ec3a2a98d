using System.Security.Cryptography;
using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;

namespace CareTracking.MissingEpisodes.Tests.Police;

/// <summary>The police see a pseudonym per force for a child, never the case system's id (issue 10, item 11).</summary>
public class ChildRefKeyTests
{
    static readonly ChildRefKey Key = ChildRefKey.FromSecret(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void one_force_always_sees_the_same_reference_for_a_child()
    {
        Assert.Equal(Key.For("derbyshire", "831", "C1234"), Key.For("derbyshire", "831", "C1234"));
    }

    [Fact]
    public void another_force_sees_an_unrelated_reference_for_the_same_child()
    {
        var derbyshire = Key.For("derbyshire", "831", "C1234");
        var leicestershire = Key.For("leicestershire", "831", "C1234");

        Assert.NotEqual(derbyshire, leicestershire);
        // Nothing in common a force could join on: not a shared prefix, not the id.
        Assert.NotEqual(derbyshire[..8], leicestershire[..8]);
    }

    [Fact]
    public void the_reference_is_32_hex_digits_and_holds_nothing_of_the_child_id()
    {
        var reference = Key.For("derbyshire", "831", "C1234");

        Assert.Matches("^[0-9a-f]{32}$", reference);
        Assert.DoesNotContain("1234", reference);
    }

    [Fact]
    public void the_same_child_id_at_another_authority_is_another_child()
    {
        Assert.NotEqual(Key.For("derbyshire", "831", "C1234"), Key.For("derbyshire", "830", "C1234"));
        // "83" + "1:C1234" must not meet "831" + ":C1234".
        Assert.NotEqual(Key.For("derbyshire", "83", "1:C1234"), Key.For("derbyshire", "831", "C1234"));
    }

    [Fact]
    public void without_the_secret_the_reference_cannot_be_made_so_the_development_key_gives_others()
    {
        Assert.NotEqual(ChildRefKey.Development.For("derbyshire", "831", "C1234"), Key.For("derbyshire", "831", "C1234"));
    }

    [Fact]
    public void an_episode_id_made_for_a_report_cannot_be_matched_to_a_child_without_the_secret()
    {
        var id = Key.EpisodeIdFor("831", "C1234", Given.LastSeen);

        Assert.Equal(id, Key.EpisodeIdFor("831", "C1234", Given.LastSeen));
        Assert.NotEqual(id, ChildRefKey.Development.EpisodeIdFor("831", "C1234", Given.LastSeen));
        Assert.Equal(8, id.Version);
    }

    [Fact]
    public void a_police_alert_carries_the_forces_pseudonym_not_the_child_id()
    {
        var forces = PoliceForces.BuiltIn.WithChildRefKey(Key);
        var reported = Given.Report();

        var alert = Assert.Single(PoliceAlerts.For(Guid.NewGuid(), reported, Episode.Fold([reported])!,
            MissingChild.Fold([Given.InCare(), new EpisodeReportedNoted(Given.EpisodeId, "M", Given.LastSeen, false)]), forces));

        Assert.Equal(Key.For("derbyshire", "831", "C1234"), alert.Alert.ChildRef);
        Assert.DoesNotContain("C1234", System.Text.Json.JsonSerializer.Serialize(alert.Alert));
    }
}

public class ChildRefKeySettingTests : IDisposable
{
    readonly string file = Path.GetTempFileName();

    public void Dispose() => File.Delete(file);

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void without_a_key_file_development_and_testing_use_the_development_key(string environment)
    {
        Assert.Same(ChildRefKey.Development, PoliceForcesSetting.ReadChildRefKey(null, environment));
    }

    [Fact]
    public void in_production_the_service_will_not_start_without_a_key_file()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => PoliceForcesSetting.ReadChildRefKey(null, "Production"));
        Assert.Contains(PoliceForcesSetting.ChildRefKeyFile, refused.Message);
    }

    [Fact]
    public void a_key_file_gives_the_key_and_a_short_or_malformed_or_development_one_is_refused_in_production()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(file, Convert.ToBase64String(secret) + "\n");
        Assert.Equal(ChildRefKey.FromSecret(secret).For("derbyshire", "831", "C1"),
            PoliceForcesSetting.ReadChildRefKey(file, "Production").For("derbyshire", "831", "C1"));

        File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        Assert.Throws<InvalidOperationException>(() => PoliceForcesSetting.ReadChildRefKey(file, "Production"));
        File.WriteAllText(file, "not base64!");
        Assert.Throws<InvalidOperationException>(() => PoliceForcesSetting.ReadChildRefKey(file, "Production"));
        File.WriteAllText(file, Convert.ToBase64String(SHA256.HashData("CareTracking development child-ref secret; not a secret"u8)));
        Assert.Throws<InvalidOperationException>(() => PoliceForcesSetting.ReadChildRefKey(file, "Production"));
    }
}
