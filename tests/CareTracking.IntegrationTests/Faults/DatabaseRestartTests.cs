using System.Net;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.Placements.Children;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.Testing;
using Npgsql;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>The Placements service on a PostgreSQL of its own that the test stops and starts.</summary>
public sealed class RestartableDatabaseStack : ServiceStack
{
    public PrivatePostgres Postgres { get; private set; } = null!;

    protected override async Task<string> CreateDatabaseAsync()
    {
        Postgres = await PrivatePostgres.StartAsync();
        return Postgres.ConnectionString;
    }

    protected override Task DropDatabaseAsync() => Task.CompletedTask; // the private cluster goes whole

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

public sealed class DatabaseRestartTests(RestartableDatabaseStack stack) : IClassFixture<RestartableDatabaseStack>
{
    private readonly ServiceHost<PlacementsHost> placements = stack.Start<PlacementsHost>();

    private async Task<long> EventsFor(string childId)
    {
        await using var conn = new NpgsqlConnection(stack.Database + ";Pooling=false");
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from eventstore.mt_events where stream_id = @s", conn);
        cmd.Parameters.AddWithValue("s", childId);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task while_the_database_is_down_posts_get_503_with_retry_after_and_the_service_recovers_by_itself()
    {
        var client = placements.ClientFor("831", Scopes.PlacementsWrite);
        await Eventually.Within(TimeSpan.FromSeconds(30), () => placements.CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/restart-1/entered-care", Requests.EnteredCare())).StatusCode);

        await stack.Postgres.StopServerAsync();
        var eventId = Guid.NewGuid();
        var duringOutage = await client.Post("/api/children/restart-2/entered-care", Requests.EnteredCare(eventId: eventId));
        var readyDuringOutage = await placements.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage.StatusCode);
        Assert.Equal("application/problem+json", duringOutage.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(duringOutage.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyDuringOutage.StatusCode);

        await stack.Postgres.StartServerAsync();

        // The client retries with the same eventId, as the 503 tells it to: appended exactly once.
        var retried = await client.Post("/api/children/restart-2/entered-care", Requests.EnteredCare(eventId: eventId));
        var retriedAgain = await client.Post("/api/children/restart-2/entered-care", Requests.EnteredCare(eventId: eventId));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retriedAgain.StatusCode);
        Assert.Equal(1, await EventsFor("restart-2"));
        Assert.Equal(1, await EventsFor("restart-1"));
        var ready = await Eventually.Within(TimeSpan.FromSeconds(20), () => placements.CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task a_post_that_arrives_during_a_short_restart_is_retried_inside_the_service_and_succeeds()
    {
        var client = placements.ClientFor("831", Scopes.PlacementsWrite);
        await Eventually.Within(TimeSpan.FromSeconds(30), () => placements.CreateClient().GetAsync("/health/ready"), r => r.IsSuccessStatusCode);

        await stack.Postgres.StopServerAsync();
        var post = client.Post("/api/children/restart-3/entered-care", Requests.EnteredCare());
        await Task.Delay(400);
        await stack.Postgres.StartServerAsync();

        Assert.Equal(HttpStatusCode.Created, (await post).StatusCode);
        Assert.Equal(1, await EventsFor("restart-3"));
    }
}
