import { describe, expect, it } from 'vitest';
import { renderLineChart } from './chart.js';

describe('renderLineChart', () => {
  it('draws one polyline per series on round axes, with the text escaped', () => {
    const svg = renderLineChart({
      title: 'rate <b>',
      xLabel: 's',
      yLabel: 'n',
      series: [
        {
          name: 'a',
          color: '#000',
          points: [
            [0, 0],
            [1, 40],
            [2, 87],
          ],
        },
        { name: 'b & c', color: '#111', points: [[0, 5]] },
      ],
    });
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(/points="([^"]*)"/.exec(svg)![1]!.split(' ')).toHaveLength(3);
    // 87 rounds the y axis up to 100 in steps of 20.
    expect(svg).toMatch(/>100<\/text>/);
    expect(svg).toMatch(/>20<\/text>/);
    expect(svg).toContain('rate &#60;b&#62;');
    expect(svg).toContain('b &#38; c');
    expect(svg).not.toContain('<b>');
  });

  it('says "no data" instead of drawing empty axes', () => {
    expect(renderLineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 'a', color: '#000', points: [] }] })).toMatch(/no data/);
  });
});
