using System.Diagnostics;
using System.Globalization;
using PetriDish.Core.Progress;
using Spectre.Console;

namespace PetriDish.Cli;

/// <summary>
/// Progress of long work: a live bar on a terminal, plain timestamped log lines otherwise (CI, pipes,
/// files). Always on stderr, so that stdout stays free for results.
/// </summary>
public sealed class ProgressDisplay
{
    private readonly TextWriter _error;
    private readonly bool _interactive;

    public ProgressDisplay(TextWriter error, bool interactive)
    {
        _error = error;
        _interactive = interactive;
    }

    /// <summary>Runs <paramref name="work"/> with a progress sink titled <paramref name="title"/>.</summary>
    public async Task<T> RunAsync<T>(string title, Func<IProgressSink, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!_interactive)
        {
            return await work(new LineSink(_error, title)).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_error) });
        return await console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context => await work(new LiveSink(console, context.AddTask(Markup.Escape(title), maxValue: 1.0))).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    /// <summary>Where work reports its progress.</summary>
    private sealed class LiveSink(IAnsiConsole console, ProgressTask task) : IProgressSink
    {
        private readonly string _title = task.Description;

        public void Update(double fraction, string status)
        {
            task.Value = Math.Clamp(fraction, 0, 1);
            task.Description = $"{_title} [grey]{Markup.Escape(status)}[/]";
        }

        public void Line(string message) => console.WriteLine(message);
    }

    private sealed class LineSink(TextWriter writer, string title) : IProgressSink
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
        private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();
        private readonly Lock _gate = new();

        public void Update(double fraction, string status)
        {
            lock (_gate)
            {
                // Plain logs get a heartbeat, not a flood.
                if (_sinceUpdate.Elapsed < Interval)
                {
                    return;
                }

                _sinceUpdate.Restart();
                Write(string.Create(CultureInfo.InvariantCulture, $"{title}: {fraction:P0} {status}"));
            }
        }

        public void Line(string message)
        {
            lock (_gate)
            {
                Write(message);
            }
        }

        private void Write(string message) =>
            writer.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {message}");
    }
}
