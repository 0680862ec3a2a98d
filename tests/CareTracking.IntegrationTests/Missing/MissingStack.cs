using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.MissingEpisodes;
using CareTracking.MissingEpisodes.Episodes;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;

namespace CareTracking.IntegrationTests.Missing;

/// <summary>Placements and Missing episodes in-process on a test class's own database and vhost: care facts go
/// in through Placements and reach Missing episodes as integration messages, as in production.</summary>
public sealed class MissingStack(ServiceStack stack)
{
    public ServiceStack Stack { get; } = stack;
    public ServiceHost<PlacementsHost> Placements { get; } = stack.Start<PlacementsHost>();
    public ServiceHost<MissingEpisodesHost> Missing { get; } = stack.Start<MissingEpisodesHost>();

    /// <summary>A case system's client: it writes episodes and reads them back.</summary>
    public HttpClient MissingClient(string authority) => Missing.ClientFor(authority, Scopes.MissingWrite, Scopes.MissingRead);

    /// <summary>Enters the child into care through Placements and waits until Missing episodes has noted it.</summary>
    public async Task InCareAsync(string authority, string childId, string date = "2025-04-10", string postcode = "DE22 3NE", string? dateOfBirth = null)
    {
        var response = await Placements.ClientFor(authority, Scopes.PlacementsWrite)
            .Post($"/api/children/{childId}/entered-care", MissingRequests.EnteredCare(date, postcode, dateOfBirth: dateOfBirth ?? "2010-06-15"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var noted = await Eventually.Within(TimeSpan.FromSeconds(20),
            () => Stack.ScalarAsync($"select count(*) from eventstore.mt_events where tenant_id = '{authority}' and stream_id = 'missing:{childId}' and type = 'missing.care-period-noted.v1'"),
            n => n > 0);
        Assert.True(noted > 0, $"Missing episodes never noted that child {childId} entered care.");
    }

    public Task<long> EventCountAsync(string streamId) =>
        Stack.ScalarAsync($"select count(*) from eventstore.mt_events where stream_id = '{streamId}'");

    public Task<long> AlertsInOutboxAsync(string? childId = null) =>
        Stack.ScalarAsync("select count(*) from eventstore.ct_outbox where transport = 'amqp'"
            + (childId is null ? "" : $" and {PoliceRefs.SqlAbout(childId)}"));
}

/// <summary>A class fixture: the class's own database and vhost, with the two services started once for all
/// of its tests (so that one Missing episodes instance consumes Placements' messages).</summary>
public sealed class MissingServices : ServiceStack
{
    private MissingStack? services;
    public MissingStack Services => services ??= new MissingStack(this);
}
