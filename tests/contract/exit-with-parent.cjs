// Preloaded into Prism's node process by the contract tests (node -r): the tests hold the other end of stdin, so
// when the test process ends in any way (even killed outright, when it cannot clean up), stdin closes and Prism
// exits instead of running on.
'use strict';
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
