using CareTracking.Indicators;
using CareTracking.Indicators.Projections;
using CareTracking.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Indicators", service => service.EventAssemblies.Add(typeof(ChildEventsProjection).Assembly));
builder.AddIndicators();

var app = builder.Build();
if (args is ["rebuild", ..]) return await app.RebuildAsync();

app.MapServiceDefaults(servePublicPages: true);
app.MapIndicators();
await app.RunAsync();
return 0;
