using System.ComponentModel.DataAnnotations;
using GradientService.Api.Options;
using GradientService.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Tests.Storage;

public sealed class StorageOptionsTests
{
    [Theory]
    [InlineData(StorageProvider.Postgres, null, "Storage:Provider=postgres needs Storage:ConnectionString")]
    [InlineData(StorageProvider.Postgres, "Host=127.0.0.1;Username=x", "it names no Database")]
    [InlineData(StorageProvider.Postgres, "Database=gradients", "it names no Host")]
    [InlineData(StorageProvider.Postgres, "Hots=127.0.0.1;Database=gradients", "is not a usable PostgreSQL connection string")]
    [InlineData(StorageProvider.Sqlite, "Host=127.0.0.1;Database=gradients", "applies to Storage:Provider=postgres only")]
    public void Validate_WrongCombination_NamesTheSetting(StorageProvider provider, string? connectionString, string message)
    {
        var errors = Validate(new StorageOptions { Provider = provider, ConnectionString = connectionString });

        var error = Assert.Single(errors);
        Assert.Contains(message, error.ErrorMessage);
        Assert.Equal([nameof(StorageOptions.ConnectionString)], error.MemberNames);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, null)]
    [InlineData(StorageProvider.Postgres, "Host=127.0.0.1;Port=5432;Database=gradients;Username=gradients")]
    public void Validate_UsableSettings_Pass(StorageProvider provider, string? connectionString) =>
        Assert.Empty(Validate(new StorageOptions { Provider = provider, ConnectionString = connectionString }));

    [Fact]
    public void Defaults_BatchInterval_IsTheLiveInterval() => Assert.Equal(new StreamingOptions().Interval, new StorageOptions().BatchInterval);

    [Fact]
    public void Start_PostgresWithoutConnectionString_FailsNamingTheSetting()
    {
        using var factory = new PostgresWithoutConnectionString();

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Storage:Provider=postgres needs Storage:ConnectionString", error.Message);
    }

    private sealed class PostgresWithoutConnectionString : ApiFactory
    {
        public PostgresWithoutConnectionString() => Provider = StorageProvider.Sqlite; // no test database: the setting below is the point

        protected override IEnumerable<(string Key, string Value)> Settings() => [.. base.Settings(), ("Storage:Provider", "postgres")];
    }

    private static List<ValidationResult> Validate(StorageOptions options)
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true);
        return errors;
    }
}
