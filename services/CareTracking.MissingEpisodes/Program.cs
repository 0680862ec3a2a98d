using CareTracking.MissingEpisodes.Children;
using CareTracking.MissingEpisodes.Children.NotingCare;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.MissingEpisodes.Police;
using CareTracking.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("MissingEpisodes", service =>
{
    service.EventAssemblies.Add(typeof(EpisodeEvent).Assembly);
    service.Consumers = bus => bus.AddConsumer<CareMessagesConsumer>();
});
builder.Services.AddPoliceForces();

var app = builder.Build();
app.MapServiceDefaults();
// Load the force table now, so a malformed override stops start-up rather than the first report.
app.Services.GetRequiredService<PoliceForces>();
app.MapEpisodes();
app.MapChildEpisodes();
app.Run();
