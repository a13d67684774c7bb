// axios: instance config, getUri, interceptors, mergeConfig, headers and errors, all without network.
// A custom adapter answers requests in-process, so the full request pipeline runs offline.
import axios, { AxiosError, AxiosHeaders, mergeConfig, isAxiosError, CanceledError } from 'axios';

const api = axios.create({
  baseURL: 'https://api.example.com/v1/',
  timeout: 2500,
  headers: { 'X-Client': 'rusk-test', common: { Accept: 'application/json' } },
  params: { lang: 'en' },
});

console.log('getUri:', api.getUri({ url: 'users', params: { page: 2, tags: ['a', 'b'], q: 'x y' } }));
console.log('getUri absolute:', api.getUri({ url: 'https://other.example.org/path', params: { n: 1 } }));
console.log('defaults.timeout:', api.defaults.timeout, 'baseURL:', api.defaults.baseURL);

const merged = mergeConfig(api.defaults, { timeout: 100, headers: { 'X-Extra': '1' }, params: { extra: true } });
console.log('mergeConfig:', merged.timeout, merged.headers['X-Client'], merged.headers['X-Extra'], JSON.stringify(merged.params));

const headers = new AxiosHeaders({ 'content-type': 'text/plain', 'X-Many': ['a', 'b'] });
headers.set('Authorization', 'Bearer t');
console.log('AxiosHeaders:', headers.get('Content-Type'), headers.has('authorization'), JSON.stringify(headers.toJSON()));
console.log('AxiosHeaders.from:', JSON.stringify(AxiosHeaders.from('A: 1\r\nB: two\r\n').toJSON()));

const seen = [];
const adapter = async (config) => {
  seen.push(`${config.method.toUpperCase()} ${axios.getUri(config)} headers=${JSON.stringify({
    client: config.headers.get('X-Client'),
    auth: config.headers.get('Authorization'),
    type: config.headers.get('Content-Type'),
  })} body=${config.data ?? ''}`);
  const status = config.url.includes('missing') ? 404 : 200;
  const response = {
    data: JSON.stringify({ ok: status === 200, echo: config.data ? JSON.parse(config.data) : null }),
    status,
    statusText: status === 200 ? 'OK' : 'Not Found',
    headers: { 'content-type': 'application/json' },
    config,
    request: {},
  };
  if (config.validateStatus(status)) return response;
  throw new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_REQUEST, config, {}, response);
};
api.defaults.adapter = adapter;

const order = [];
api.interceptors.request.use((config) => {
  order.push('req1');
  config.headers.set('Authorization', 'Bearer secret');
  return config;
});
const ejectMe = api.interceptors.request.use((config) => { order.push('ejected'); return config; });
api.interceptors.request.eject(ejectMe);
api.interceptors.request.use((config) => { order.push('req2'); return config; });
api.interceptors.response.use((res) => { order.push('res1'); res.data.intercepted = true; return res; }, (err) => { order.push('res1-err'); return Promise.reject(err); });

const r1 = await api.get('users', { params: { page: 1 } });
console.log('get:', r1.status, r1.statusText, JSON.stringify(r1.data));
const r2 = await api.post('users', { name: 'Ada', roles: ['admin'] });
console.log('post:', r2.status, JSON.stringify(r2.data));
try {
  await api.get('missing');
} catch (err) {
  console.log('404:', isAxiosError(err), err.code, err.message, err.response.status);
  console.log('toJSON keys:', Object.keys(err.toJSON()).sort().join(','));
}
const r3 = await api.get('missing', { validateStatus: () => true });
console.log('validateStatus override:', r3.status, JSON.stringify(r3.data));
console.log('interceptor order:', order.join(' > '));
for (const line of seen) console.log('adapter saw:', line);

const controller = new AbortController();
controller.abort();
try {
  await api.get('users', { signal: controller.signal });
} catch (err) {
  console.log('aborted:', axios.isCancel(err), err instanceof CanceledError, err.code);
}

const form = new FormData();
form.append('user[name]', 'n');
form.append('user[tags][]', 't1');
form.append('user[tags][]', 't2');
console.log('formToJSON:', JSON.stringify(axios.formToJSON(form)));
console.log('VERSION is semver:', /^\d+\.\d+\.\d+$/.test(axios.VERSION));
