using GradientService.Api.Telemetry;

namespace GradientService.Api.Tests.Telemetry;

/// <summary>A batch the store refuses leaves the writer as it was: written again, it stores what an uninterrupted writer stores.</summary>
public sealed class TelemetryWriterFailureTests
{
    [Fact]
    public void WriteBatch_StoreRefusesItAfterItsStepsWereWalked_NothingStoredAndTheRetryStoresWhatAnUninterruptedWriterStores()
    {
        using var store = new WriterStore();
        var (expectedKey, key) = (store.AddRun(), store.AddRun());
        var queue = WriterStore.Queue();
        using (var writer = store.Writer())
        {
            var tap = WriterStore.Tap(queue, expectedKey);
            WriterStore.Feed(tap, 1, 100);
            writer.WriteBatch(WriterStore.Drain(queue));
            WriterStore.Feed(tap, 101, 200);
            writer.WriteBatch(WriterStore.Drain(queue));
        }
        using (var writer = store.Writer())
        {
            var tap = WriterStore.Tap(queue, key);
            WriterStore.Feed(tap, 1, 100); // ends inside a layer chunk and a rollup bucket: the next batch continues both
            writer.WriteBatch(WriterStore.Drain(queue));
            WriterStore.Feed(tap, 101, 200);
            var batch = WriterStore.Drain(queue);
            WriterStore.Feed(tap, 50, 50); // a step stored already: the store refuses the batch after its other steps were walked
            List<TelemetryItem> refused = [.. batch, .. WriterStore.Drain(queue)];

            Assert.ThrowsAny<Exception>(() => writer.WriteBatch(refused));
            Assert.Equal(Enumerable.Range(1, 100), store.Rows(key).Steps.Order());
            writer.WriteBatch(batch);
        }

        store.Rows(key).AssertSameAs(store.Rows(expectedKey), 200);
    }
}
