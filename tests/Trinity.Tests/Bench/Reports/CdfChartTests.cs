using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Trinity.Bench.Reports;

namespace Trinity.Tests.Bench.Reports;

public sealed class CdfChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_TwoPolicies_IsWellFormedSvgWithOneCurvePerPolicyAndPanel()
    {
        CdfSeries[] series =
        [
            new("fifo <&> \"quoted\"", [10, 20, 30, double.PositiveInfinity], [5, 50, 500, double.PositiveInfinity]),
            new("trinity", [.. Enumerable.Range(1, 5000).Select(i => (double)i)], [.. Enumerable.Range(1, 5000).Select(i => i / 100.0)]),
        ];

        var text = CdfChart.Render("mixed", series, [new SloMarker("SLO interactive: 1000 ms", 1000)], [new SloMarker("SLO a", 40), new SloMarker("SLO b", 60)]).ToString();
        var svg = XDocument.Parse(text).Root!;

        Assert.Equal(Svg + "svg", svg.Name);
        var panels = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel").ToList();
        Assert.Equal(["ttft", "tpot"], panels.Select(p => (string)p.Attribute("data-metric")!));
        foreach (var panel in panels)
        {
            var curves = panel.Elements(Svg + "polyline").Where(e => (string?)e.Attribute("class") == "cdf").ToList();
            Assert.Equal(["fifo <&> \"quoted\"", "trinity"], curves.Select(c => (string)c.Attribute("data-series")!));
            Assert.All(curves, c => Assert.InRange(((string)c.Attribute("points")!).Split(' ').Length, 2, 2 * 401));
        }

        Assert.Single(panels[0].Elements(Svg + "line"), e => (string?)e.Attribute("class") == "slo");
        Assert.Equal(2, panels[1].Elements(Svg + "line").Count(e => (string?)e.Attribute("class") == "slo"));
    }

    [Fact]
    public void Render_UnfinishedRequests_StopTheCurveBelowOne()
    {
        var svg = CdfChart.Render("t", [new CdfSeries("fifo", [10, 20, 30, double.PositiveInfinity], [1, 2, 3, 4])], [], []);

        var ttft = svg.Descendants(Svg + "polyline").First();
        var top = ((string)ttft.Attribute("points")!).Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).Min();
        var tpot = svg.Descendants(Svg + "polyline").Last();
        var tpotTop = ((string)tpot.Attribute("points")!).Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).Min();

        // The y axis runs down from 1 at the panel's top (y = 50) to 0 at its bottom (y = 350): 3 of 4 finished is 0.75.
        Assert.Equal(50 + (300 * 0.25), top, 1);
        Assert.Equal(50, tpotTop, 1);
    }

    [Fact]
    public void HtmlReport_EmbedsThePictureAndTablesWithEncodedText()
    {
        var picture = CdfChart.Render("t", [new CdfSeries("fifo", [1, 2], [1, 2])], [], []);
        JsonObject[] runs =
        [
            new() { ["policy"] = "fifo", ["kind"] = "all", ["goodput_rps"] = 1.23456 },
            new() { ["policy"] = "fifo", ["kind"] = "<chat>", ["slo_class"] = "interactive" },
        ];

        var html = HtmlReport.Render("A & B", "desc", runs, picture);

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<h1>A &amp; B</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1.235</td>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;chat&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
