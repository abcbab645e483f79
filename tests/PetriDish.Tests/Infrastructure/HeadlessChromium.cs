using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace PetriDish.Tests.Infrastructure;

/// <summary>
/// A real headless Chromium driven through chromedriver: Debian's <c>chromium</c> and
/// <c>chromium-driver</c> (which <c>.ci/run</c> installs), or the executables named by
/// <c>PETRIDISH_CHROMIUM</c> and <c>PETRIDISH_CHROMEDRIVER</c>. Nothing is downloaded.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private HeadlessChromium(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    public static HeadlessChromium Start()
    {
        var browser = Environment.GetEnvironmentVariable("PETRIDISH_CHROMIUM") ?? "/usr/bin/chromium";
        var driverPath = Environment.GetEnvironmentVariable("PETRIDISH_CHROMEDRIVER") ?? "/usr/bin/chromedriver";
        if (!File.Exists(browser) || !File.Exists(driverPath))
        {
            throw new InvalidOperationException($"the dashboard's browser tests need Chromium ({browser}) and its driver ({driverPath}): 'apt-get install chromium chromium-driver' (.ci/run installs them), or name them in PETRIDISH_CHROMIUM and PETRIDISH_CHROMEDRIVER");
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--hide-scrollbars");
        return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    public void Open(Uri url) => Driver.Navigate().GoToUrl(url);

    public IReadOnlyCollection<IWebElement> All(string css) => Driver.FindElements(By.CssSelector(css));

    public string Text(string css) => All(css).FirstOrDefault()?.Text ?? "";

    /// <summary>Waits until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and the page's text.</summary>
    public void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (StaleElementReferenceException)
            {
                // The page redrew between finding and reading an element: look again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds} s. Page {Driver.Url}:\n{Driver.FindElement(By.TagName("body")).Text[..Math.Min(3000, Driver.FindElement(By.TagName("body")).Text.Length)]}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Saves what the browser shows as a PNG.</summary>
    public void Screenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Driver.GetScreenshot().SaveAsFile(path);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
