import { loadRules } from './dist/engine/sigma/load.js';
import { engineFromCollection } from './dist/engine/pipeline/engine.js';
const cpu = () => { const u = process.cpuUsage(); return (u.user+u.system)/1e6; };
let c0 = cpu(), t0 = performance.now();
const col = await loadRules(['/work/shared/sigmahq/rules']);
let c1 = cpu(), t1 = performance.now();
const e = engineFromCollection(col);
let c2 = cpu(), t2 = performance.now();
console.log('load wall', ((t1-t0)/1000).toFixed(2), 'cpu', (c1-c0).toFixed(2), 'compile wall', ((t2-t1)/1000).toFixed(2), 'cpu', (c2-c1).toFixed(2));
