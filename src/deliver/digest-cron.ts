/** Turns a channel schedule (HH:MM, weekdays) into a node-cron expression. */
const DAY_NUMBERS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

export function digestCron(schedule: { time: string; weekdays: readonly string[] }): string {
  const [hours, minutes] = schedule.time.split(':').map(Number);
  const days = [...new Set(schedule.weekdays.map((d) => DAY_NUMBERS[d]).filter((d) => d !== undefined))].sort();
  const dayField = days.length === 7 || days.length === 0 ? '*' : days.join(',');
  return `${minutes} ${hours} * * ${dayField}`;
}
