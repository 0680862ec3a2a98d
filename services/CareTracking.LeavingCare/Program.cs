using CareTracking.EventStore;
using CareTracking.LeavingCare.CareLeavers;
using CareTracking.LeavingCare.CareLeavers.NotingCarePeriods;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("LeavingCare", service =>
{
    service.EventAssemblies.Add(typeof(CareLeaverEvent).Assembly);
    service.Consumers = bus => bus.AddConsumer<CarePeriodConsumer>();
});
builder.Services.AddSingleton<CareLeaversProjection>();
builder.Services.AddSingleton<IProjection>(sp => sp.GetRequiredService<CareLeaversProjection>());

var app = builder.Build();
app.Services.GetRequiredService<SchemaInitializer>().AfterSchema.Add(app.Services.GetRequiredService<CareLeaversProjection>().EnsureSchemaAsync);
app.MapServiceDefaults();
app.MapCareLeavers();
app.Run();
