namespace GradientService.Api.Storage;

/// <summary>Properties of the SQLite file itself, set once when it is created.</summary>
public static class DatabaseFile
{
    /// <summary>
    /// 8 KiB pages (effective only on a new file, before WAL) keep a <see cref="LayerChunk"/> row inside one page; WAL lets
    /// readers run while the recorder writes (https://sqlite.org/wal.html).
    /// </summary>
    public const string Pragmas = "PRAGMA page_size=8192; PRAGMA journal_mode=WAL;";
}
