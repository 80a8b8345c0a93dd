namespace Elemente.Cli.Tests;

public sealed class ParseRateTests
{
    [Theory]
    [InlineData("60/min", 60)]
    [InlineData("2/s", 120)]
    [InlineData("90", 90)]
    [InlineData("120/h", 2)]
    public void ParseRate_ReadsTheUnit(string text, double perMinute) => Assert.Equal(perMinute, ElementeCli.ParseRate(text));

    [Theory]
    [InlineData("fast")]
    [InlineData("0/min")]
    [InlineData("5/day")]
    public void ParseRate_Bad_NamesTheOption(string text) =>
        Assert.StartsWith("--rate:", Assert.Throws<UsageException>(() => ElementeCli.ParseRate(text)).Message, StringComparison.Ordinal);
}
