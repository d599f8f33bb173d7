package io.codex.dht.simulator.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A small chart drawn with Java2D: line series or one bar series on linear axes, with ticks, axis
 * labels, a title and a legend; rendered to an image (run with {@code java.awt.headless=true}).
 *
 * <p>Implementation notes: axes start at zero and end at a "nice" number (1, 2 or 5 times a power
 * of ten) above the largest value, so charts of different runs are easy to compare.
 */
final class Chart {
  private static final Color[] PALETTE = {
    new Color(0x1F77B4),
    new Color(0xD62728),
    new Color(0x2CA02C),
    new Color(0xFF7F0E),
    new Color(0x9467BD),
    new Color(0x8C564B),
    new Color(0xE377C2),
    new Color(0x17BECF)
  };
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private record Series(String name, double[] xs, double[] ys) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> lines = new ArrayList<>();
  private double[] bars;
  private double xMax = Double.NaN;

  Chart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a line through the points ({@code xs[i]}, {@code ys[i]}). */
  Chart line(String name, double[] xs, double[] ys) {
    if (xs.length != ys.length) {
      throw new IllegalArgumentException("xs and ys differ in length");
    }
    lines.add(new Series(name, xs, ys));
    return this;
  }

  /** Sets the bars: one bar of height {@code heights[x]} at each x = 0, 1, 2, ... */
  Chart bars(double[] heights) {
    this.bars = heights.clone();
    return this;
  }

  /** Caps the x axis at {@code max} (points beyond are clipped), e.g. at a high percentile. */
  Chart xMax(double max) {
    this.xMax = max;
    return this;
  }

  BufferedImage render(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      draw(g, width, height);
    } finally {
      g.dispose();
    }
    return img;
  }

  private void draw(Graphics2D g, int width, int height) {
    double maxX = bars != null ? bars.length - 0.5 : 0;
    double maxY = 0;
    for (Series s : lines) {
      for (int i = 0; i < s.xs.length; i++) {
        maxX = Math.max(maxX, s.xs[i]);
        maxY = Math.max(maxY, s.ys[i]);
      }
    }
    if (bars != null) {
      for (double b : bars) {
        maxY = Math.max(maxY, b);
      }
    }
    if (!Double.isNaN(xMax)) {
      maxX = Math.min(maxX, xMax);
    }
    double xStep = niceStep(maxX);
    double yStep = niceStep(maxY);
    double xEnd = Math.max(xStep, Math.ceil(maxX / xStep) * xStep);
    double yEnd = Math.max(yStep, Math.ceil(maxY / yStep) * yStep);
    int plotW = width - LEFT - RIGHT;
    int plotH = height - TOP - BOTTOM;
    // Bars are centred on whole numbers, so a bar chart's axis starts half a bar before 0.
    double xStart = bars != null ? -0.5 : 0;
    Axis x = v -> LEFT + (v - xStart) / (xEnd - xStart) * plotW;
    Axis y = v -> TOP + plotH - v / yEnd * plotH;

    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    for (double v = 0; v <= yEnd + yStep / 2; v += yStep) {
      int py = (int) Math.round(y.at(v));
      g.setColor(new Color(0xE6E6E6));
      g.drawLine(LEFT, py, LEFT + plotW, py);
      g.setColor(Color.DARK_GRAY);
      String label = format(v, yStep);
      g.drawString(label, LEFT - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
    }
    for (double v = 0; v <= xEnd + xStep / 2; v += xStep) {
      int px = (int) Math.round(x.at(v));
      g.setColor(Color.DARK_GRAY);
      g.drawLine(px, TOP + plotH, px, TOP + plotH + 4);
      String label = format(v, xStep);
      g.drawString(label, px - fm.stringWidth(label) / 2, TOP + plotH + 6 + fm.getAscent());
    }
    g.setClip(LEFT, TOP - 1, plotW + 1, plotH + 2);
    if (bars != null) {
      g.setColor(PALETTE[0]);
      double w = Math.max(1, plotW / (xEnd - xStart) * 0.8);
      for (int i = 0; i < bars.length; i++) {
        double top = y.at(bars[i]);
        g.fillRect(
            (int) Math.round(x.at(i) - w / 2),
            (int) Math.round(top),
            (int) Math.round(w),
            (int) Math.round(TOP + plotH - top));
      }
    }
    g.setStroke(new BasicStroke(2f));
    for (int k = 0; k < lines.size(); k++) {
      Series s = lines.get(k);
      Path2D.Double path = new Path2D.Double();
      for (int i = 0; i < s.xs.length; i++) {
        if (i == 0) {
          path.moveTo(x.at(s.xs[i]), y.at(s.ys[i]));
        } else {
          path.lineTo(x.at(s.xs[i]), y.at(s.ys[i]));
        }
      }
      g.setColor(PALETTE[k % PALETTE.length]);
      g.draw(path);
    }
    g.setClip(null);
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString(xLabel, LEFT + (plotW - fm.stringWidth(xLabel)) / 2, height - 12);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(TOP + (plotH + fm.stringWidth(yLabel)) / 2), 16);
    rotated.dispose();
    drawLegend(g, fm, LEFT + plotW);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, LEFT, TOP - 14);
  }

  private void drawLegend(Graphics2D g, FontMetrics fm, int right) {
    if (lines.size() < 2) {
      return;
    }
    int row = TOP + 8;
    for (int k = 0; k < lines.size(); k++) {
      String name = lines.get(k).name;
      int w = fm.stringWidth(name);
      g.setColor(PALETTE[k % PALETTE.length]);
      g.fillRect(right - w - 26, row + 3, 14, 4);
      g.setColor(Color.BLACK);
      g.drawString(name, right - w - 8, row + fm.getAscent() - 2);
      row += fm.getHeight() + 2;
    }
  }

  /** A tick step of 1, 2 or 5 times a power of ten giving about five ticks up to {@code max}. */
  static double niceStep(double max) {
    if (!(max > 0)) {
      return 1;
    }
    double raw = max / 5;
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / power;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
  }

  private static String format(double v, double step) {
    if (step >= 1) {
      return Long.toString(Math.round(v));
    }
    int decimals = (int) Math.ceil(-Math.log10(step));
    return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
  }

  /** Maps a data value to a pixel coordinate. */
  @FunctionalInterface
  private interface Axis {
    double at(double value);
  }
}
