using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;

namespace PetriDish.Cli;

/// <summary>
/// The host's lifetime for the petridish process: SIGINT (Ctrl-C), SIGTERM (what Slurm, systemd and
/// docker stop send) and SIGHUP (a closed terminal) stop the application, which cancels the running
/// work through <see cref="IHostApplicationLifetime.ApplicationStopping"/>; the work then stores what
/// has finished and the process exits with 128 + the signal's number. A second signal is left to its
/// default action (a second Ctrl-C kills the process). A signal the process inherited as ignored (nohup,
/// a script's background job) stays ignored: the runtime delivers no such signal.
/// </summary>
/// <param name="application">The host's application lifetime, stopped by the first signal.</param>
/// <param name="handleSignals">False in-process (tests), where the caller's token stops the work and the process's signals are not the command's.</param>
internal sealed class ProcessSignalLifetime(IHostApplicationLifetime application, bool handleSignals) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    /// <summary>The number of the signal that stopped the work (2, 15 or 1), or 0.</summary>
    public int ReceivedSignal => Volatile.Read(ref _received);

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        if (handleSignals)
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, 2)));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, 15)));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => Stop(context, 1)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Stop(PosixSignalContext context, int number)
    {
        if (Interlocked.CompareExchange(ref _received, number, 0) == 0)
        {
            context.Cancel = true;
            application.StopApplication();
        }
    }
}
