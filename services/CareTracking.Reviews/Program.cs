using CareTracking.EventStore;
using CareTracking.Reviews.Children;
using CareTracking.Reviews.Children.NotingCarePeriods;
using CareTracking.Reviews.WorkLists;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Hosting;
using CareTracking.Ssda903.Calendar;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Reviews", service =>
{
    service.EventAssemblies.Add(typeof(ChildEvent).Assembly);
    service.Consumers = bus => bus.AddConsumer<CarePeriodConsumer>();
});
builder.Services.AddSingleton(WorkingDays.England);
builder.Services.AddSingleton<ReviewChildrenProjection>();
builder.Services.AddSingleton<IProjection>(sp => sp.GetRequiredService<ReviewChildrenProjection>());

var app = builder.Build();
app.Services.GetRequiredService<SchemaInitializer>().AfterSchema.Add(app.Services.GetRequiredService<ReviewChildrenProjection>().EnsureSchemaAsync);
app.MapServiceDefaults();
app.MapChildReviews();
app.MapWorkLists();
app.Run();
