using System.Globalization;
using ScottPlot;

namespace AdvisorBot.Cards;

/// <summary>
/// Draws a chart of an answer as a PNG with ScottPlot: the picture Web Chat shows where Teams draws its native chart.
/// DejaVu Sans, the answer language's number format, and the colours of Teams' categorical palette, so both look alike.
/// </summary>
public static class ChartImageRenderer
{
    public const int Width = 640;
    public const int Height = 360;

    /// <summary>Teams' categorical chart colours, in order (blue first, as Teams uses them).</summary>
    public static readonly IReadOnlyList<string> Palette = ["#4F6BED", "#4BB4E6", "#00B7C3", "#13A10E", "#8764B8", "#CA5010", "#E3008C", "#986F0B", "#C19C00"];

    public static byte[] RenderPng(ChartView chart, CultureInfo culture, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(culture);
        using var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.ScaleFactor = scale;

        // The card shows the chart's title above the image (Teams' native charts hide theirs), so the PNG has none.
        if (chart.Kind == ChartKind.Donut)
        {
            AddDonut(plot, chart.Points);
        }
        else
        {
            AddBars(plot, chart.Points, chart.Kind == ChartKind.HorizontalBar, culture);
        }

        return plot.GetImageBytes(Width * scale, HeightOf(chart) * scale, ImageFormat.Png);
    }

    /// <summary>The label width of horizontal bars, in characters, before a label wraps.</summary>
    private const int HorizontalLabelWidth = 34;

    /// <summary>
    /// Horizontal bars get taller with their labels, so a label of two or three lines never touches the next one
    /// (about 15 px a line plus room between them); every other chart is <see cref="Height"/>.
    /// </summary>
    public static int HeightOf(ChartView chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Kind != ChartKind.HorizontalBar || chart.Points.Count == 0)
        {
            return Height;
        }

        var lines = chart.Points.Max(p => Wrap(p.Label, HorizontalLabelWidth).Count(c => c == '\n') + 1);
        return Math.Max(Height, 60 + chart.Points.Count * (10 + 15 * lines));
    }

    private static void AddDonut(Plot plot, IReadOnlyList<ChartPoint> points)
    {
        var slices = points.Select((p, i) => new PieSlice
        {
            Value = (double)p.Value,
            FillColor = Color.FromHex(Palette[i % Palette.Count]),
            Label = p.FormattedValue,
            LegendText = $"{p.Label} ({p.FormattedValue})",
        }).ToList();
        var pie = plot.Add.Pie(slices);
        pie.DonutFraction = 0.55;
        pie.SliceLabelDistance = 1.25;
        pie.LineWidth = 0;
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.ShowLegend(Edge.Right);
    }

    private static void AddBars(Plot plot, IReadOnlyList<ChartPoint> points, bool horizontal, CultureInfo culture)
    {
        // Horizontal bars read top-down in the report's order: the first item gets the highest position.
        double PositionOf(int i) => horizontal ? points.Count - 1 - i : i;
        var bars = points.Select((p, i) => new Bar
        {
            Position = PositionOf(i),
            Value = (double)p.Value,
            Label = p.FormattedValue,
            FillColor = Color.FromHex(Palette[0]),
            LineWidth = 0,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = horizontal;
        barPlot.ValueLabelStyle.FontSize = 13;
        var ticks = points.Select((p, i) => new Tick(PositionOf(i), Wrap(p.Label, horizontal ? HorizontalLabelWidth : 14))).ToArray();
        var labels = new ScottPlot.TickGenerators.NumericManual(ticks);
        var values = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.#", culture) };
        if (horizontal)
        {
            plot.Axes.Left.TickGenerator = labels;
            plot.Axes.Bottom.TickGenerator = values;
            plot.Axes.Margins(left: 0, right: 0.18);
        }
        else
        {
            plot.Axes.Bottom.TickGenerator = labels;
            plot.Axes.Left.TickGenerator = values;
            plot.Axes.Margins(bottom: 0, top: 0.18);
        }

        plot.Grid.MajorLineColor = Color.FromHex("#E6E6E6");
    }

    /// <summary>Breaks a long category label over lines so it fits beside or under its bar.</summary>
    private static string Wrap(string label, int width)
    {
        if (label.Length <= width)
        {
            return label;
        }

        var lines = new List<string>();
        var line = "";
        foreach (var word in label.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : $"{line} {word}";
            }
        }

        lines.Add(line);
        return string.Join("\n", lines.Take(3));
    }
}
