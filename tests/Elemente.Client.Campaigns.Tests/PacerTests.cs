using Microsoft.Extensions.Time.Testing;

namespace Elemente.Campaigns.Tests;

public sealed class PacerTests
{
    [Fact]
    public async Task Throttled_PausesEveryStartUntilRetryAfterAndHalvesTheConcurrency()
    {
        var time = new FakeTimeProvider();
        var pacer = new Pacer(8, perMinute: null, time);

        var pause = pacer.Throttled(TimeSpan.FromSeconds(3));
        var next = pacer.AcquireAsync(CancellationToken.None);
        await Task.Delay(50);

        Assert.Equal(TimeSpan.FromSeconds(3), pause);
        Assert.Equal(4, pacer.CurrentLimit);
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Limit_AfterAThrottle_HoldsTheFifthStartUntilOneEnds_AndSuccessesWinSlotsBack()
    {
        var pacer = new Pacer(8, perMinute: null, new FakeTimeProvider());
        pacer.Throttled(TimeSpan.Zero);
        var slots = new List<IDisposable>();
        for (var i = 0; i < 4; i++)
        {
            slots.Add(await pacer.AcquireAsync(CancellationToken.None));
        }

        var fifth = pacer.AcquireAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(fifth.IsCompleted);
        slots[0].Dispose();
        (await fifth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        for (var i = 0; i < 4; i++)
        {
            pacer.Succeeded();
        }

        Assert.Equal(5, pacer.CurrentLimit);
    }

    [Fact]
    public async Task Rate_SpacesTheStarts()
    {
        var time = new FakeTimeProvider();
        var pacer = new Pacer(8, perMinute: 30, time);

        (await pacer.AcquireAsync(CancellationToken.None)).Dispose();
        var second = pacer.AcquireAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public void Throttled_ManyTimesInOneRetryAfterWindow_IsOneEpisode_HalvesOnceAndCountsOne()
    {
        var time = new FakeTimeProvider();
        var pacer = new Pacer(8, perMinute: null, time);

        // A burst: the 429s of the requests that were in flight together, all inside the first one's Retry-After.
        pacer.Throttled(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromMilliseconds(50));
        pacer.Throttled(TimeSpan.FromSeconds(1));
        pacer.Throttled(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromMilliseconds(100));
        pacer.Throttled(TimeSpan.FromSeconds(1));

        Assert.Equal(4, pacer.CurrentLimit);
        Assert.Equal(1, pacer.Throttles);
    }

    [Fact]
    public void Throttled_AgainAfterTheWindow_IsANewEpisode_HalvesAgain()
    {
        var time = new FakeTimeProvider();
        var pacer = new Pacer(8, perMinute: null, time);

        pacer.Throttled(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1.5));
        pacer.Throttled(TimeSpan.FromSeconds(1));

        Assert.Equal(2, pacer.CurrentLimit);
        Assert.Equal(2, pacer.Throttles);
    }

    [Fact]
    public async Task Throttled_InsideTheWindowWithALaterRetryAfter_HoldsStartsUntilTheLaterOne()
    {
        var time = new FakeTimeProvider();
        var pacer = new Pacer(8, perMinute: null, time);

        pacer.Throttled(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromMilliseconds(500));
        pacer.Throttled(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(1));
        var next = pacer.AcquireAsync(CancellationToken.None);
        await Task.Delay(50);

        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1.1));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }
}
