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
}
