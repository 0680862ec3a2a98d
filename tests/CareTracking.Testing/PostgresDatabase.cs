using Npgsql;
using Xunit;

namespace CareTracking.Testing;

/// <summary>A class fixture: one fresh PostgreSQL database per test class, on the real server.</summary>
public class PostgresDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync() => ConnectionString = await TestStack.CreateDatabaseAsync("ct_test");

    public virtual Task DisposeAsync() => TestStack.DropDatabaseAsync(ConnectionString);
}
