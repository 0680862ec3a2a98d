using CareTracking.EventStore;
using CareTracking.Health.Children;
using CareTracking.Health.Children.NotingCarePeriods;
using CareTracking.Health.WorkLists;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Hosting;
using CareTracking.Ssda903.Calendar;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Health", service =>
{
    service.EventAssemblies.Add(typeof(HealthEvent).Assembly);
    service.Consumers = bus => bus.AddConsumer<CarePeriodConsumer>();
});
builder.Services.AddSingleton(WorkingDays.England);
builder.Services.AddSingleton<HealthChildrenProjection>();
builder.Services.AddSingleton<IProjection>(sp => sp.GetRequiredService<HealthChildrenProjection>());

var app = builder.Build();
app.Services.GetRequiredService<SchemaInitializer>().AfterSchema.Add(app.Services.GetRequiredService<HealthChildrenProjection>().EnsureSchemaAsync);
app.MapServiceDefaults();
app.MapChildHealth();
app.MapHealthWorkLists();
app.Run();
