using GradientService.Api.Storage;
using GradientService.Contracts.Wire;
using Microsoft.EntityFrameworkCore;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>
/// An instance whose lease another instance took over (it stalled past the lease; the new owner truncated the run to its
/// checkpoint, or already finished it) stores nothing more of the run and cannot finish it: the new owner's steps and status
/// stand. Seen on CI under load before the fence: the stale instance's last batch collided with the new owner's steps and
/// its failure marked the completed run Failed.
/// </summary>
public sealed class LeaseFenceTests
{
    [Theory]
    [InlineData("node-b")]
    [InlineData(null)]
    public void WriteBatch_RunTakenOverByAnotherInstance_DropsItsItemsAndStoresTheOtherRunsOnes(string? newOwner)
    {
        using var store = new WriterStore();
        var (taken, kept) = (store.AddRun(), store.AddRun());
        store.SetLeaseOwner(taken, "node-a");
        store.SetLeaseOwner(kept, "node-a");
        var queue = WriterStore.Queue();
        using var writer = store.Writer();
        var (takenTap, keptTap) = (WriterStore.Tap(queue, taken, "node-a"), WriterStore.Tap(queue, kept, "node-a"));
        WriterStore.Feed(takenTap, 1, 50);
        WriterStore.Feed(keptTap, 1, 50);
        writer.WriteBatch(WriterStore.Drain(queue));

        store.SetLeaseOwner(taken, newOwner);
        WriterStore.Feed(takenTap, 51, 100);
        WriterStore.Feed(keptTap, 51, 100);
        writer.WriteBatch(WriterStore.Drain(queue));

        var (takenRows, keptRows) = (store.Rows(taken), store.Rows(kept));
        Assert.Equal(Enumerable.Range(1, 50), takenRows.Steps.Order());
        Assert.Equal(50, takenRows.StepsDone);
        Assert.Equal(Enumerable.Range(1, 100), keptRows.Steps.Order());
        Assert.Equal(100, keptRows.StepsDone);
    }

    [Fact]
    public async Task FinishAsync_AnotherInstanceHoldsTheLease_LeavesTheRunAsItIs()
    {
        using var store = new WriterStore();
        var key = store.AddRun();
        store.SetLeaseOwner(key, "node-b");
        await using var db = store.Provider.CreateContext();
        var runs = new RunStore(db, TimeProvider.System);

        Assert.Null(await runs.FinishAsync(key, "node-a", RunStatus.Failed, "stale", null, CancellationToken.None));
        var stale = await db.Runs.AsNoTracking().SingleAsync(r => r.Key == key);
        Assert.Equal((RunStatus.Running, "node-b", (string?)null), (stale.Status, stale.LeaseOwner, stale.Reason));

        var finished = await runs.FinishAsync(key, "node-b", RunStatus.Completed, null, null, CancellationToken.None);
        Assert.Equal((RunStatus.Completed, (string?)null), (finished!.Status, finished.LeaseOwner));
    }
}
