// ws: import surface only (no sockets): exports, ready-state constants and a noServer WebSocketServer.
import WebSocket, { WebSocketServer, createWebSocketStream, Receiver, Sender } from 'ws';
import * as ns from 'ws';

console.log('default:', typeof WebSocket, WebSocket.name);
// Bun swaps in its own ws; these names are the ones both Node (wrapper.mjs) and Bun export.
console.log('named exports:', ['WebSocket', 'WebSocketServer', 'createWebSocketStream', 'Receiver', 'Sender', 'default'].map((k) => `${k}:${typeof ns[k]}`).join(' '));
console.log('WebSocketServer:', typeof WebSocketServer, WebSocketServer.name);
console.log('createWebSocketStream:', typeof createWebSocketStream);
console.log('Receiver/Sender:', typeof Receiver, typeof Sender);
console.log('states:', WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED);

const server = new WebSocketServer({ noServer: true, clientTracking: true });
console.log('noServer server clients:', server.clients.size, 'path option:', server.options.path);
console.log('shouldHandle:', server.shouldHandle({ url: '/anything' }));
server.close(() => console.log('server closed'));
