using System.Runtime.InteropServices;

namespace GradientService.Bench.Engine;

/// <summary>
/// CPU time of this process (all its threads) from clock_gettime(CLOCK_PROCESS_CPUTIME_ID), to the nanosecond:
/// <see cref="System.Diagnostics.Process.TotalProcessorTime"/> counts in clock ticks of 10 ms on Linux, too coarse for
/// blocks of ~0.1 s.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ClockProcessCpuTimeId = 2;

    public static double Seconds()
    {
        if (ClockGetTime(ClockProcessCpuTimeId, out var t) != 0) throw new InvalidOperationException("clock_gettime failed");
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
