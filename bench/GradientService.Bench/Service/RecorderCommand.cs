using System.Globalization;

namespace GradientService.Bench.Service;

/// <summary>
/// `recorder [--layers 100] [--steps 30000] [--batch 1000] [--float32]`: sustained steps/s the recorder persists for an L-layer net
/// (one Steps row, L LayerSamples rows and the rollup upserts per step, one transaction per batch, WAL, synchronous=NORMAL).
/// Target (issue 5): ≥ 5,000 steps/s for 100 layers on the 2-core machine. On PostgreSQL under scripts/with-postgres.sh
/// --durable (binary COPY, fsync and synchronous commit on); target (issue 16): the same.
/// </summary>
public static class RecorderCommand
{
    public static int Run(string[] args)
    {
        var layers = Int(args, "--layers", 100);
        var steps = Int(args, "--steps", 30_000);
        var batch = Int(args, "--batch", 1000);
        var float32 = args.Contains("--float32");
        var path = ServiceDatabase.Temporary();
        var database = new ServiceDatabase(path);
        try
        {
            database.Migrate();
            var warm = database.AddRun("warm-up", 2000, layers);
            SyntheticSteps.Record(database, warm, layers, 2000, batch, float32);
            var run = database.AddRun("recorder bench", steps, layers);
            var result = SyntheticSteps.Record(database, run, layers, steps, batch, float32);
            var perSecond = result.Steps / result.Elapsed.TotalSeconds;
            Console.WriteLine($"recorder benchmark ({database.Storage.Provider}): {layers} layers, {steps:N0} steps, batches of up to {batch}, {(float32 ? "float32" : "float64")} values");
            Console.WriteLine($"  steps/s persisted      {perSecond,12:N0}");
            Console.WriteLine($"  layer samples/s        {perSecond * layers,12:N0}");
            Console.WriteLine($"  transactions           {result.Batches,12:N0}");
            Console.WriteLine($"  producer waited        {result.ProducerWaited.TotalSeconds,12:F2} s of {result.Elapsed.TotalSeconds:F2} s");
            Console.WriteLine($"  cpu: writer thread     {result.WriterCpuMs / 1000,12:F2} s (SQLite's engine runs here), producer {result.ProducerCpuMs / 1000:F2} s, other threads {result.OtherCpuMs / 1000:F2} s");
            var bytes = database.Bytes();
            Console.WriteLine($"  store size             {bytes / 1e6,12:F1} MB");
            Console.WriteLine($"  bytes per layer-step   {bytes / ((double)layers * (steps + 2000)),12:F1} (both runs, everything stored)");
            Console.WriteLine($"  of which layer chunks  {database.ChunkBytes() / ((double)layers * (steps + 2000)),12:F1} (the blobs alone)");
            foreach (var (table, tableBytes) in database.TableBytes().Take(4))
                Console.WriteLine($"  table {table,-16} {tableBytes / ((double)layers * (steps + 2000)),12:F1} (with its indexes)");
            return 0;
        }
        finally
        {
            database.Drop();
            ServiceDatabase.Delete(path);
        }
    }

    internal static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
