// The consumption test's checks, run by tests/consumption/run.sh against packages it packed into a local feed:
// the packages' contents and metadata, which assets each consumer compiled against, and a create-call round trip
// through the packaged client against the packaged emulator (Elemente.Client.Testing) on a loopback socket, and a
// user-style test of the consumer's own code against the emulator in memory.
using Consumer.App;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: Consumer.App <feed-folder> <package-version> <spec-sha256> <Consumer.Library project.assets.json>");
    return 2;
}

var (feed, version, specSha256, libraryAssets) = (args[0], args[1], args[2], args[3]);
var checks = new Checks();
PackageInspection.Run(checks, feed, version);
PackageInspection.CheckCompiledAgainst(checks, libraryAssets, version, "netstandard2.0");
await Scenario.RunAsync(checks, version, specSha256);
return checks.Report();
