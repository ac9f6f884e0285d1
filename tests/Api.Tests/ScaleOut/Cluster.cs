using GradientService.Api.Tests.Infrastructure;
using GradientService.Tests.Shared;
using Npgsql;

namespace GradientService.Api.Tests.ScaleOut;

/// <summary>
/// The scaled mode for real: Api processes (the published dll, as in the container) on one PostgreSQL database and one
/// Redis. The PostgreSQL server is scripts/with-postgres.sh's (GRADIENT_TEST_POSTGRES; scripts/test.sh runs these tests
/// in its PostgreSQL pass); the Redis server is the cluster's own (<see cref="RedisServer"/>), so a test can restart it.
/// Leases are short (3 s, heartbeat 0.5 s) so a takeover happens within a test.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string _databaseKey;
    private readonly List<ApiProcess> _instances = [];

    private Cluster(RedisServer redis, string databaseKey)
    {
        Redis = redis;
        _databaseKey = databaseKey;
        Database = TestStore.Database(databaseKey);
    }

    public RedisServer Redis { get; }

    /// <summary>The connection string of the cluster's PostgreSQL database.</summary>
    public string Database { get; }

    public IReadOnlyList<ApiProcess> Instances => _instances;

    public static async Task<Cluster> StartAsync()
    {
        if (TestStore.Provider != Options.StorageProvider.Postgres)
            throw new InvalidOperationException("The scaled mode's tests need PostgreSQL: run them under scripts/with-postgres.sh (scripts/test.sh does).");
        // A path stands for a database of its own (TestStore's naming); nothing is written there.
        var key = Path.Combine(Path.GetTempPath(), "gradientservice-cluster", Guid.NewGuid().ToString("N"), "gradients.db");
        return new Cluster(await RedisServer.StartAsync(), key);
    }

    /// <summary>Starts instance <paramref name="name"/> (its lease owner id); <paramref name="trains"/> false: an Api-only instance.</summary>
    public async Task<ApiProcess> StartInstanceAsync(string name, bool trains = true, params (string Key, string Value)[] extra)
    {
        (string, string)[] settings =
        [
            ("Storage:Provider", "postgres"),
            ("Storage:ConnectionString", Database),
            ("Redis:ConnectionString", Redis.ConnectionString),
            ("Workers:Enabled", trains ? "true" : "false"),
            ("Workers:InstanceId", name),
            ("Workers:LeaseDuration", "00:00:03"),
            ("Workers:HeartbeatInterval", "00:00:00.500"),
            ("Workers:PollInterval", "00:00:00.200"),
            ("Workers:CheckpointEvery", "100"),
            .. extra,
        ];
        var instance = await ApiProcess.StartAsync(AppContext.BaseDirectory, null, settings);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>A query on the cluster's database (what every instance sees).</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>The instance holding <paramref name="runId"/>'s lease now, or null.</summary>
    public async Task<string?> OwnerAsync(Guid runId) =>
        (await QueryAsync($"SELECT \"LeaseOwner\" FROM \"Runs\" WHERE \"Id\" = '{runId}'", r => r.IsDBNull(0) ? null : r.GetString(0))).SingleOrDefault();

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await Redis.DisposeAsync();
        TestStore.Drop(_databaseKey);
    }
}
