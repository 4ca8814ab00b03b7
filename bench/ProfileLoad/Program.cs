using System.Diagnostics;
using System.Globalization;
using AdvisorBot.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;

// Cold: the first load in this process, JIT and schema parsing included, as at service start-up.
var folder = Path.Combine(AppContext.BaseDirectory, "profiles");
var schemaOnly = Stopwatch.StartNew();
await ProfileLoader.CreateAsync();
schemaOnly.Stop();
var cold = Stopwatch.StartNew();
using (var catalog = await FileTargetGroupCatalog.LoadAsync(folder, NullLogger.Instance, watch: false))
{
    cold.Stop();
    Console.WriteLine($"profiles: {string.Join(", ", (await catalog.ListAsync()).Select(p => p.Id))}");
}

// Warm: loading and validating one profile again (what a hot reload of a changed file costs).
var loader = await ProfileLoader.CreateAsync();
var file = Directory.EnumerateFiles(folder, "*.json").First(f => !f.EndsWith(ProfileLoader.SchemaFileName, StringComparison.Ordinal));
var json = await File.ReadAllTextAsync(file);
var samples = new List<double>();
for (var i = 0; i < 200; i++)
{
    var sw = Stopwatch.StartNew();
    loader.Load(Path.GetFileName(file), json);
    samples.Add(sw.Elapsed.TotalMilliseconds);
}

samples.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT name=profile-load schema_first_ms={schemaOnly.Elapsed.TotalMilliseconds:0.0} cold_ms={cold.Elapsed.TotalMilliseconds:0.0} warm_median_ms={samples[samples.Count / 2]:0.00} warm_p99_ms={samples[(int)(samples.Count * 0.99)]:0.00}"));
