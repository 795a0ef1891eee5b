// Draws the score charts of the staff page with Chart.js (served by the service itself). The
// table beside each chart holds the same numbers, so the page reads the same without this script.
document.addEventListener('DOMContentLoaded', () => {
  if (typeof window.Chart !== 'function') return;
  for (const canvas of document.querySelectorAll('canvas.score-chart')) {
    const series = JSON.parse(canvas.dataset.series)[Number(canvas.dataset.index)];
    if (!series) continue;
    const points = series.points;
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: points.map((p) => p.period),
        datasets: [
          {
            label: `${series.kind} 得分 score`,
            data: points.map((p) => p.score),
            borderColor: '#0b4f8a',
            pointRadius: points.map((p) => (p.bottomGroup ? 7 : 3)),
            pointStyle: points.map((p) => (p.bottomGroup ? 'rectRot' : 'circle')),
            pointBackgroundColor: points.map((p) => (p.bottomGroup ? '#b3261e' : '#0b4f8a')),
            pointBorderColor: points.map((p) => (p.bottomGroup ? '#b3261e' : '#0b4f8a')),
            spanGaps: true,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: true },
          tooltip: {
            callbacks: {
              afterLabel: (item) => {
                const p = points[item.dataIndex];
                return `${p.rank ? `排名 ${p.rank}/${p.of}` : ''}${p.bottomGroup ? ' · 后进组 bottom group' : ''}`;
              },
            },
          },
        },
        scales: { y: { title: { display: true, text: '得分 score' } } },
      },
    });
    canvas.dataset.drawn = 'true';
  }
});
