// date-fns: formatting, parsing, arithmetic and intervals on fixed dates (harness runs with TZ=UTC).
import {
  format, formatISO, parseISO, parse, addDays, addMonths, subYears, differenceInDays, differenceInCalendarMonths,
  startOfWeek, endOfMonth, isBefore, isAfter, isValid, eachDayOfInterval, formatDistance, formatDistanceStrict,
  formatRelative, intervalToDuration, formatDuration, getISOWeek, isWeekend, compareAsc, max, min, closestTo,
  startOfQuarter, lastDayOfMonth, isLeapYear, getDaysInMonth, setHours, roundToNearestMinutes, fromUnixTime, getUnixTime,
} from 'date-fns';
import { de, ja } from 'date-fns/locale';

const base = new Date(2024, 1, 28, 13, 45, 30, 123); // 2024-02-28 13:45:30.123 local (UTC under the harness)
console.log('tz offset minutes:', base.getTimezoneOffset());

console.log('format:', format(base, 'yyyy-MM-dd HH:mm:ss.SSS'));
console.log('format long:', format(base, "EEEE, MMMM do yyyy 'at' h:mm a"));
console.log('format misc:', format(base, 'QQQ yy w I DDD ddd e', { useAdditionalDayOfYearTokens: true }));
console.log('format de:', format(base, 'EEEE, d. MMMM yyyy', { locale: de }));
console.log('format ja:', format(base, 'PPPP', { locale: ja }));
console.log('formatISO:', formatISO(base), formatISO(base, { representation: 'date' }));

const parsed = parseISO('2023-12-31T23:59:59Z');
console.log('parseISO:', parsed.toISOString());
console.log('parse custom:', parse('03/15/2022 08:30', 'MM/dd/yyyy HH:mm', new Date(0)).toISOString());
console.log('parse invalid:', isValid(parse('31/02/2022', 'dd/MM/yyyy', new Date(0))));

console.log('addDays leap:', format(addDays(base, 1), 'yyyy-MM-dd'), format(addDays(base, 2), 'yyyy-MM-dd'));
console.log('addMonths clamp:', format(addMonths(new Date(2024, 0, 31), 1), 'yyyy-MM-dd'));
console.log('subYears:', format(subYears(new Date(2024, 1, 29), 1), 'yyyy-MM-dd'));
console.log('differenceInDays:', differenceInDays(new Date(2024, 11, 25), base));
console.log('differenceInCalendarMonths:', differenceInCalendarMonths(new Date(2025, 0, 1), base));
console.log('startOfWeek:', format(startOfWeek(base), 'yyyy-MM-dd EEE'), format(startOfWeek(base, { weekStartsOn: 1 }), 'yyyy-MM-dd EEE'));
console.log('endOfMonth:', endOfMonth(base).toISOString());
console.log('startOfQuarter:', format(startOfQuarter(base), 'yyyy-MM-dd'), 'lastDayOfMonth:', format(lastDayOfMonth(base), 'd'));
console.log('leap/daysInMonth:', isLeapYear(base), getDaysInMonth(base), getDaysInMonth(new Date(2023, 1, 1)));
console.log('compare:', isBefore(base, parsed), isAfter(base, parsed), compareAsc(base, parsed));
console.log('weekday/week:', isWeekend(base), getISOWeek(base));
const days = eachDayOfInterval({ start: new Date(2024, 1, 27), end: new Date(2024, 2, 2) });
console.log('eachDayOfInterval:', days.map((d) => format(d, 'MM-dd')).join(' '));
const dates = [new Date(2020, 0, 1), new Date(2025, 5, 5), new Date(2022, 2, 2)];
console.log('max/min/closest:', format(max(dates), 'yyyy'), format(min(dates), 'yyyy'), format(closestTo(base, dates), 'yyyy'));

console.log('formatDistance:', formatDistance(new Date(2024, 1, 1), base), '|', formatDistance(base, new Date(2024, 1, 28, 13, 45, 50), { includeSeconds: true, addSuffix: true }));
console.log('formatDistanceStrict:', formatDistanceStrict(new Date(2020, 0, 1), base, { unit: 'day' }));
console.log('formatRelative:', formatRelative(addDays(base, -1), base), '|', formatRelative(addDays(base, 3), base));
const dur = intervalToDuration({ start: new Date(2020, 0, 1), end: base });
console.log('intervalToDuration:', JSON.stringify(dur));
console.log('formatDuration:', formatDuration(dur), '|', formatDuration({ hours: 2, minutes: 5 }, { format: ['hours', 'minutes'], delimiter: ', ' }));
console.log('setHours/round:', format(roundToNearestMinutes(setHours(base, 7), { nearestTo: 15 }), 'HH:mm'));
console.log('unix:', getUnixTime(parsed), fromUnixTime(1700000000).toISOString());
console.log('invalid format:', (() => { try { return format(new Date(NaN), 'yyyy'); } catch (err) { return `${err.constructor.name}: ${err.message}`; } })());
