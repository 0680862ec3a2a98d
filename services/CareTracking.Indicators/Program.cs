using CareTracking.EventStore;
using CareTracking.Indicators.Committee;
using CareTracking.Indicators.Projections;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Indicators", service => service.EventAssemblies.Add(typeof(ChildEventsProjection).Assembly));
builder.Services.AddSingleton<ChildEventsProjection>();
builder.Services.AddSingleton<IProjection>(sp => sp.GetRequiredService<ChildEventsProjection>());
builder.Services.AddSingleton<ChildEventRows>();

var app = builder.Build();
app.Services.GetRequiredService<SchemaInitializer>().AfterSchema.Add(app.Services.GetRequiredService<ChildEventsProjection>().EnsureSchemaAsync);
app.MapServiceDefaults(servePublicPages: true);
app.MapCommittee();
app.Run();
