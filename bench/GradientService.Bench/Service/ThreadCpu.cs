using System.Globalization;

namespace GradientService.Bench.Service;

/// <summary>
/// CPU time of this process's threads from /proc (clock ticks, 10 ms), split into the training threads (the trainer's
/// long-running task and its matrix-product workers) and everything else (recorder, broadcaster, Kestrel, SignalR and
/// the benchmark's hub clients), so the service's own cost per step can be told apart from a busy host slowing training.
/// </summary>
public static class ThreadCpu
{
    private const double MsPerTick = 10; // USER_HZ (CLK_TCK) is 100 on Linux

    /// <summary>Each thread's name, whether it trains, and its CPU milliseconds so far (threads that ended are missing).</summary>
    public static Dictionary<int, (string Name, bool Training, double Ms)> Snapshot()
    {
        var result = new Dictionary<int, (string, bool, double)>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var training = name.StartsWith("MatrixProduct", StringComparison.Ordinal) || name.StartsWith(".NET Long Run", StringComparison.Ordinal);
                result[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, training, ticks * MsPerTick);
            }
            catch (IOException)
            {
                // The thread ended while we read it.
            }
        }
        return result;
    }

    /// <summary>CPU milliseconds the calling thread has spent so far.</summary>
    public static double OfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * MsPerTick;
    }

    /// <summary>CPU ms spent between two snapshots by the training threads and by the others.</summary>
    public static (double Training, double Other, Dictionary<string, double> OtherByName) Between(
        Dictionary<int, (string Name, bool Training, double Ms)> before, Dictionary<int, (string Name, bool Training, double Ms)> after)
    {
        double training = 0, other = 0;
        var byName = new Dictionary<string, double>();
        foreach (var (id, (name, isTraining, ms)) in after)
        {
            var spent = ms - (before.TryGetValue(id, out var b) ? b.Ms : 0);
            if (isTraining) training += spent;
            else
            {
                other += spent;
                byName[name] = byName.GetValueOrDefault(name) + spent;
            }
        }
        return (training, other, byName);
    }
}
