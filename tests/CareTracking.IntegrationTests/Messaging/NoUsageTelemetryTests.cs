using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareTracking.IntegrationTests.Messaging;

/// <summary>MassTransit reports usage telemetry to its vendor by default (seen in a test run's logs as
/// "Failed to report usage telemetry" to usage-tracking.masstransit.io): a service must never send it.</summary>
public sealed class NoUsageTelemetryTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    [Fact]
    public void a_service_bus_never_reports_usage_telemetry_to_masstransit()
    {
        var placements = stack.Start<PlacementsHost>();
        var options = placements.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value;
        Assert.False(options.Enabled);
    }
}
