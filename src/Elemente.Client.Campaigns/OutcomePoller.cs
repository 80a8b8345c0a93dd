namespace Elemente.Campaigns;

/// <summary>
/// Polls created interactions until each is final (Get call, backing off as <see cref="CallsClient.WaitForCompletionAsync"/>
/// does), every poll through a <see cref="Pacer"/>: <see cref="CampaignFollower"/> and a campaign run with
/// <see cref="CampaignOptions.Follow"/> share it.
/// </summary>
internal sealed class OutcomePoller(ElementeClient client, Pacer pacer, CampaignFollowOptions options, TimeProvider time)
{
    private const int MaxConsecutiveConnectionFailures = 5;
    private int _polls;
    private int _consecutiveConnectionFailures;

    /// <summary>How many Get call requests were sent.</summary>
    public int Polls => Volatile.Read(ref _polls);

    /// <summary>Told each 429 (or 503 with Retry-After) after the pacer paused (a campaign run pauses its creates too).</summary>
    public Action<TimeSpan?>? OnThrottled { get; set; }

    /// <summary>Polls one interaction until its status is final.</summary>
    /// <param name="id">The interaction's id.</param>
    /// <param name="cancellationToken">Stops polling (the wait is abandoned; nothing changed).</param>
    /// <returns>The final interaction; or null and why, when it is left not final (its timeout passed, or Get call answered 4xx).</returns>
    /// <exception cref="PollsStoppedException">No poll can go on: the credentials are refused, or the API stays unreachable.</exception>
    public async Task<(Interaction? Final, string? Problem)> PollAsync(string id, CancellationToken cancellationToken)
    {
        var delay = options.PollInterval;
        var started = time.GetUtcNow();
        var wait = false;
        while (true)
        {
            if (wait)
            {
                await Compat.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(options.MaxPollInterval.Ticks, options.PollInterval.Ticks)));
            }

            wait = true;
            if (options.Timeout != Timeout.InfiniteTimeSpan && time.GetUtcNow() - started >= options.Timeout)
            {
                return (null, "not final within the timeout");
            }

            Interaction call;
            using (await pacer.AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _polls);
                try
                {
                    call = await client.Calls.GetAsync(id, cancellationToken).ConfigureAwait(false);
                    pacer.Succeeded();
                    Interlocked.Exchange(ref _consecutiveConnectionFailures, 0);
                }
                catch (ElementeApiException ex) when (ex.StatusCode == 429 || (ex.StatusCode == 503 && CampaignRunner.RetryAfter(ex) is not null))
                {
                    // Every poll waits out the pause; this one then polls again without its own delay.
                    var retryAfter = CampaignRunner.RetryAfter(ex);
                    pacer.Throttled(retryAfter);
                    OnThrottled?.Invoke(retryAfter);
                    wait = false;
                    continue;
                }
                catch (ElementeApiException ex) when (ex.StatusCode is 401 or 403)
                {
                    throw new PollsStoppedException(CampaignStopCause.CredentialsRefused, $"the API refused the credentials ({ex.StatusCode})");
                }
                catch (ElementeApiException ex) when (ex.StatusCode is >= 400 and < 500)
                {
                    return (null, $"Get call answered {ex.StatusCode}");
                }
                catch (Exception ex) when (ex is ElementeConnectionException or ElementeTimeoutException or ElementeApiException)
                {
                    // A GET changes nothing: try again after the backoff, unless the API stays unreachable.
                    if (Interlocked.Increment(ref _consecutiveConnectionFailures) >= MaxConsecutiveConnectionFailures)
                    {
                        throw new PollsStoppedException(CampaignStopCause.ApiUnreachable, $"the API could not be reached {MaxConsecutiveConnectionFailures} times in a row ({ex.Message})");
                    }

                    continue;
                }
            }

            if (call.Status is { IsFinal: true })
            {
                return (call, null);
            }
        }
    }
}

/// <summary>No poll can go on (refused credentials, an unreachable API): the run stops.</summary>
internal sealed class PollsStoppedException(CampaignStopCause cause, string reason) : Exception(reason)
{
    public CampaignStopCause Cause { get; } = cause;
}
