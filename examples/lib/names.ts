// Vocabulary for realistic-looking rosters: windows of a district government service centre, the
// departments that station them, and Chinese personal names.

export interface WindowKind {
  name: string;
  department: string;
  /** Units staff are dispatched from (原派出单位): the department or one of its agencies. */
  units: readonly string[];
  /** Typical cases per staff member per working day; drives `cases` counts. */
  casesPerDay: number;
  /** Share of applications taken online at the start of the data, and its yearly growth. */
  online: number;
  onlineGrowth: number;
}

// name, department, dispatching units, cases per staff-day, online share at the start, growth a year
const KINDS: readonly (readonly [string, string, string, number, number, number])[] = [
  ['不动产登记窗口', '区自然资源局', '区自然资源局,区不动产登记中心', 14, 0.25, 0.2],
  ['市场监管窗口', '区市场监督管理局', '区市场监督管理局,区市场监管局行政审批科', 18, 0.45, 0.2],
  ['社保窗口', '区人力资源和社会保障局', '区社会保险事业中心,区人力资源和社会保障局', 22, 0.35, 0.15],
  ['公积金窗口', '市住房公积金管理中心东营区管理部', '市住房公积金管理中心东营区管理部', 12, 0.55, 0.15],
  ['税务窗口', '国家税务总局东营市东营区税务局', '国家税务总局东营市东营区税务局', 20, 0.6, 0.1],
  ['公安户政窗口', '东营市公安局东营分局', '东营市公安局东营分局,东营分局户政科', 16, 0.1, 0.1],
  ['医保窗口', '区医疗保障局', '区医疗保障局,区医疗保险事业中心', 19, 0.3, 0.2],
  ['人社窗口', '区人力资源和社会保障局', '区人力资源和社会保障局,区就业服务中心', 10, 0.4, 0.15],
  ['民政窗口', '区民政局', '区民政局,区婚姻登记处', 8, 0.15, 0.1],
  ['住建窗口', '区住房和城乡建设局', '区住房和城乡建设局,区建筑工程质量安全中心', 9, 0.5, 0.2],
  ['卫健窗口', '区卫生健康局', '区卫生健康局,区卫生计生监督所', 7, 0.2, 0.15],
  ['交通窗口', '区交通运输局', '区交通运输局,区运输管理所', 11, 0.35, 0.15],
  ['教育窗口', '区教育局', '区教育局', 6, 0.25, 0.2],
  ['农业农村窗口', '区农业农村局', '区农业农村局,区畜牧兽医服务中心', 6, 0.2, 0.1],
  ['水务窗口', '区水务局', '区水务局', 5, 0.3, 0.1],
  ['文旅窗口', '区文化和旅游局', '区文化和旅游局', 5, 0.4, 0.15],
  ['城管窗口', '区综合行政执法局', '区综合行政执法局', 7, 0.3, 0.1],
  ['水电气暖联办窗口', '区公用事业服务中心', '区公用事业服务中心,东营供电公司', 13, 0.45, 0.2],
  ['综合受理窗口', '区行政审批服务局', '区行政审批服务局,区政务服务中心', 24, 0.35, 0.2],
  ['投资项目审批窗口', '区发展和改革局', '区发展和改革局', 4, 0.5, 0.15],
];

export const WINDOW_KINDS: readonly WindowKind[] = KINDS.map(
  ([name, department, units, casesPerDay, online, onlineGrowth]) => ({
    name,
    department,
    units: units.split(','),
    casesPerDay,
    online,
    onlineGrowth,
  }),
);

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The i-th window (0-based): the catalogue in order, then again with （二）, （三）… for large centres. */
export function windowKind(i: number): { kind: WindowKind; name: string } {
  const kind = WINDOW_KINDS[i % WINDOW_KINDS.length] as WindowKind;
  const round = Math.floor(i / WINDOW_KINDS.length);
  const suffix = round === 0 ? '' : `（${NUMERALS[round] ?? String(round + 1)}）`;
  return { kind, name: `${kind.name}${suffix}` };
}

/** Common single-character surnames. */
export const SURNAMES: readonly string[] = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛',
];

export const GIVEN_NAMES: readonly string[] = (
  '伟 芳 娜 秀英 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 晓东 海燕 建华 志强 丽娟 ' +
  '文静 雪梅 国庆 立新 春燕 晓光 振华 红梅 宏伟 玉兰 海涛 晨曦 佳琪 子涵 浩然 思远 婷婷 鹏飞 亚楠 瑞雪'
).split(' ');

/** Left-pad a number: `pad(7, 3)` → "007". */
export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
