using System.Reflection;
using CareTracking.EventStore;
using MassTransit;

namespace CareTracking.ServiceDefaults;

public sealed class ServiceOptions
{
    /// <summary>Assemblies whose [EventType] records this service reads and writes.</summary>
    public List<Assembly> EventAssemblies { get; } = [];
    /// <summary>Upcasters and extra registrations.</summary>
    public Action<EventTypeRegistry>? Types { get; set; }
    /// <summary>MassTransit consumers of integration messages.</summary>
    public Action<IBusRegistrationConfigurator>? Consumers { get; set; }
}
