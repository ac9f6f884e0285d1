using System.Security.Cryptography;
using System.Text;
using GradientService.Api.Options;
using Npgsql;

namespace GradientService.Api.Tests.Infrastructure;

/// <summary>
/// The store the tests run on: SQLite files, or PostgreSQL when GRADIENT_TEST_POSTGRES holds a superuser's connection string
/// (scripts/with-postgres.sh starts a throwaway cluster and sets it; scripts/test.sh runs the suite both ways). On
/// PostgreSQL each SQLite path the tests choose maps to a database of its own, so instances sharing a path share a database.
/// </summary>
public static class TestStore
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("GRADIENT_TEST_POSTGRES");

    public static StorageProvider Provider => string.IsNullOrEmpty(Server) ? StorageProvider.Sqlite : StorageProvider.Postgres;

    /// <summary>The connection string of the database standing for <paramref name="databasePath"/>, created when missing.</summary>
    public static string Database(string databasePath)
    {
        var name = Name(databasePath);
        using var connection = Admin();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        if (exists.ExecuteScalar() == null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            try { create.ExecuteNonQuery(); }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { /* another instance made it first */ }
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    public static void Drop(string databasePath)
    {
        using var connection = Admin();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name(databasePath)}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>
    /// Restarts the PostgreSQL server (fast shutdown: every connection ends with FATAL 57P01 admin_shutdown) by the command
    /// line in GRADIENT_TEST_POSTGRES_CTL (scripts/with-postgres.sh sets it); returns once the server accepts connections.
    /// </summary>
    public static void Restart()
    {
        var command = Environment.GetEnvironmentVariable("GRADIENT_TEST_POSTGRES_CTL");
        if (string.IsNullOrEmpty(command)) throw new InvalidOperationException("GRADIENT_TEST_POSTGRES_CTL (a command that restarts the server) is not set: run the tests under scripts/with-postgres.sh.");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"Restarting PostgreSQL failed ({process.ExitCode}): {output.Result} {error}");
        NpgsqlConnection.ClearAllPools(); // the tests' own idle connections died with the server
    }

    private static NpgsqlConnection Admin()
    {
        var connection = new NpgsqlConnection(Server);
        connection.Open();
        return connection;
    }

    private static string Name(string databasePath) =>
        "gs_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(databasePath))))[..24];
}
