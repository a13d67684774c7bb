// rxjs: pipelines of operators over synchronous sources, Subjects, error handling and a few short timers.
import {
  of, from, range, defer, throwError, concat, merge, zip, combineLatest, forkJoin, Subject, BehaviorSubject,
  ReplaySubject, firstValueFrom, lastValueFrom, timer, interval, EMPTY,
} from 'rxjs';
import {
  map, filter, scan, reduce, take, takeWhile, skip, distinctUntilChanged, bufferCount, pairwise, mergeMap,
  concatMap, switchMap, catchError, retry, startWith, tap, toArray, groupBy, debounceTime, delay, finalize,
  share, withLatestFrom, defaultIfEmpty, timeout,
} from 'rxjs/operators';

const log = (label) => (v) => console.log(label.padEnd(20), JSON.stringify(v));
const collect = (label, obs) => obs.pipe(toArray()).subscribe({ next: log(label), error: (e) => console.log(label.padEnd(20), 'error', e.message) });

collect('map/filter', range(1, 10).pipe(filter((n) => n % 2 === 0), map((n) => n * n)));
collect('scan', of(1, 2, 3, 4).pipe(scan((acc, n) => acc + n, 0)));
collect('reduce', from([5, 10, 15]).pipe(reduce((a, b) => a + b)));
collect('take/skip', range(0, 100).pipe(skip(3), take(4)));
collect('takeWhile', of(1, 3, 5, 6, 7).pipe(takeWhile((n) => n % 2 === 1)));
collect('distinct', of(1, 1, 2, 2, 2, 1, 3).pipe(distinctUntilChanged()));
collect('bufferCount', range(1, 7).pipe(bufferCount(3)));
collect('pairwise', of('a', 'b', 'c').pipe(pairwise()));
collect('mergeMap', of(1, 2).pipe(mergeMap((n) => of(n, n * 10))));
collect('concatMap', of('x', 'y').pipe(concatMap((s) => from([s, s.toUpperCase()]))));
collect('switchMap sync', of(1, 2).pipe(switchMap((n) => of(`s${n}`))));
collect('concat', concat(of(1), of(2, 3), EMPTY));
collect('merge sync', merge(of('a'), of('b')));
collect('zip', zip(of(1, 2, 3), of('a', 'b')));
collect('combineLatest', combineLatest([of(1, 2), of('z')]));
collect('startWith', of(2).pipe(startWith(0, 1)));
collect('defaultIfEmpty', EMPTY.pipe(defaultIfEmpty('none')));
collect('groupBy', range(1, 6).pipe(groupBy((n) => (n % 2 ? 'odd' : 'even')), mergeMap((g) => g.pipe(toArray(), map((a) => `${g.key}:${a}`)))));
collect('catchError', throwError(() => new Error('bad')).pipe(catchError((e) => of(`recovered ${e.message}`))));
let attempts = 0;
collect('retry', defer(() => (++attempts < 3 ? throwError(() => new Error(`fail ${attempts}`)) : of(`ok after ${attempts}`))).pipe(retry(3)));
collect('error passthrough', concat(of(1), throwError(() => new Error('stop'))));

const subject = new Subject();
const seen = [];
subject.pipe(map((x) => x * 2)).subscribe({ next: (v) => seen.push(v), complete: () => seen.push('done') });
subject.next(1);
subject.next(2);
subject.complete();
subject.next(3);
log('Subject')(seen);

const behavior = new BehaviorSubject('init');
const bseen = [];
behavior.subscribe((v) => bseen.push(v));
behavior.next('next');
log('BehaviorSubject')([bseen, behavior.getValue()]);

const replay = new ReplaySubject(2);
[1, 2, 3].forEach((v) => replay.next(v));
const rseen = [];
replay.subscribe((v) => rseen.push(v));
log('ReplaySubject')(rseen);

const sideEffects = [];
const shared = defer(() => { sideEffects.push('subscribed'); return of(1, 2); }).pipe(tap((v) => sideEffects.push(`tap ${v}`)), finalize(() => sideEffects.push('finalize')), share());
shared.subscribe();
log('tap/finalize/share')(sideEffects);

const src = of('a', 'b');
collect('withLatestFrom', src.pipe(withLatestFrom(of(42))));

log('firstValueFrom')(await firstValueFrom(range(7, 3)));
log('lastValueFrom')(await lastValueFrom(range(7, 3)));
try {
  await firstValueFrom(EMPTY);
} catch (err) {
  log('firstValueFrom EMPTY')(`${err.name}: ${err.message}`);
}
log('forkJoin')(await lastValueFrom(forkJoin({ a: timer(5).pipe(map(() => 'A')), b: of('B1', 'B2') })));
log('interval take')(await lastValueFrom(interval(2).pipe(take(3), toArray())));
log('delay')(await lastValueFrom(of('late').pipe(delay(5))));

const typed = new Subject();
const debounced = lastValueFrom(typed.pipe(debounceTime(20), toArray()));
typed.next('h');
typed.next('he');
typed.next('hel');
setTimeout(() => { typed.next('hello'); typed.complete(); }, 60);
log('debounceTime')(await debounced);

const slow = timer(200).pipe(timeout(10), catchError((e) => of(e.name)));
log('timeout')(await lastValueFrom(slow));
