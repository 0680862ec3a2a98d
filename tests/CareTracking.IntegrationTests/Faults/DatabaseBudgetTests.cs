using System.Diagnostics;
using System.Net;
using CareTracking.EventStore;
using CareTracking.IntegrationTests.Harness;
using CareTracking.Placements;
using CareTracking.ServiceDefaults;
using CareTracking.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareTracking.IntegrationTests.Faults;

/// <summary>
/// A request's database work is bounded (docs/reliability.md, item 10): a request pool at its Max Pool Size and a
/// statement blocked on a lock both answer 503 with Retry-After, never 500, and within the pool's Timeout or the
/// request budget, never after minutes of retries. Placements runs with a pool of one connection and a 5 s pool
/// Timeout, or with a 3 s budget.
/// </summary>
public sealed class DatabaseBudgetTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    private WebApplicationFactory<PlacementsHost> Placements(params (string Key, string Value)[] settings) =>
        new ServiceHost<PlacementsHost>(stack).WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    private static HttpClient Client(WebApplicationFactory<PlacementsHost> host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("831", Scopes.PlacementsWrite));
        // Far past both bounds, short of the minutes the old retries took.
        client.Timeout = TimeSpan.FromSeconds(20);
        return client;
    }

    [Fact]
    public void the_pool_sizes_and_the_budget_are_settings_with_the_budgeted_defaults_and_a_bad_value_stops_the_start()
    {
        static ServiceSettings Read(params (string Key, string Value)[] settings)
        {
            var values = new Dictionary<string, string?>
            {
                ["ConnectionStrings:EventStore"] = "Host=127.0.0.1",
                ["Auth:SigningKey"] = TestTokens.SigningKey,
                ["RabbitMq:Uri"] = "amqp://127.0.0.1/",
            };
            foreach (var (key, value) in settings) values[key] = value;
            return ServiceSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), "Testing");
        }

        var defaults = Read();
        Assert.Equal((14, 4, TimeSpan.FromSeconds(30)), (defaults.MaxPoolSize, defaults.WorkerMaxPoolSize, defaults.RequestBudget));
        var set = Read(("EventStore:MaxPoolSize", "20"), ("EventStore:WorkerMaxPoolSize", "2"), ("EventStore:RequestBudgetSeconds", "10"));
        Assert.Equal((20, 2, TimeSpan.FromSeconds(10)), (set.MaxPoolSize, set.WorkerMaxPoolSize, set.RequestBudget));
        foreach (var (key, value) in new[] { ("EventStore:MaxPoolSize", "0"), ("EventStore:WorkerMaxPoolSize", "many"), ("EventStore:RequestBudgetSeconds", "601") })
            Assert.Contains($"'{key}'", Assert.Throws<InvalidOperationException>(() => Read((key, value))).Message);
    }

    [Fact]
    public async Task a_post_that_finds_the_request_pool_full_answers_503_with_retry_after_within_the_pools_timeout_and_201_once_a_connection_is_free()
    {
        await using var placements = Placements(
            ("ConnectionStrings:EventStore", new NpgsqlConnectionStringBuilder(stack.AppDatabase) { Timeout = 5 }.ConnectionString),
            ("EventStore:MaxPoolSize", "1"));
        var client = Client(placements);
        var store = placements.Services.GetRequiredService<DocumentStore>();
        Assert.Equal(1, new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString).MaxPoolSize);

        var response = default(HttpResponseMessage);
        var took = Stopwatch.StartNew();
        await using (await store.DataSource.OpenConnectionAsync())
        {
            // The pool's only connection is the test's.
            response = await client.Post("/api/children/pool-1/entered-care", Requests.EnteredCare());
            took.Stop();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.EndsWith("/unavailable", (string?)(await response.Body())["type"]);
        // One wait for the pool (5 s), not one per retry.
        Assert.InRange(took.Elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(10));
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'pool-1'"));

        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/pool-1/entered-care", Requests.EnteredCare())).StatusCode);
    }

    [Fact]
    public async Task a_post_blocked_on_a_lock_answers_503_with_retry_after_at_the_request_budget_and_its_statement_is_cancelled()
    {
        await using var placements = Placements(("EventStore:RequestBudgetSeconds", "3"));
        var client = Client(placements);
        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/lock-0/entered-care", Requests.EnteredCare())).StatusCode);

        HttpResponseMessage response;
        var took = Stopwatch.StartNew();
        await using (var holder = new NpgsqlConnection(stack.Database))
        {
            await holder.OpenAsync();
            await using var tx = await holder.BeginTransactionAsync();
            // Every append inserts into mt_events; reads (the feed, health) still go on.
            await using (var lockEvents = new NpgsqlCommand("lock table eventstore.mt_events in exclusive mode", holder, tx))
                await lockEvents.ExecuteNonQueryAsync();

            response = await client.Post("/api/children/lock-1/entered-care", Requests.EnteredCare());
            took.Stop();

            // The blocked insert was cancelled, not left waiting behind the lock.
            Assert.Equal(0, await Eventually.Within(TimeSpan.FromSeconds(2), () => stack.ScalarAsync(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"), n => n == 0));
            await tx.RollbackAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.InRange(took.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(8));
        Assert.Equal(0, await stack.ScalarAsync("select count(*) from eventstore.mt_events where stream_id = 'lock-1'"));

        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/children/lock-1/entered-care", Requests.EnteredCare())).StatusCode);
    }
}
