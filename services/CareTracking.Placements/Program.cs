using CareTracking.Placements.Children;
using CareTracking.Placements.Children.Adoption;
using CareTracking.Placements.Children.ChangingHeader;
using CareTracking.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("Placements", service => service.EventAssemblies.Add(typeof(ChildEvent).Assembly));

var app = builder.Build();
app.MapServiceDefaults();
app.MapChildren();
app.MapAdoption();
app.MapHeaderChanges();
app.Run();

