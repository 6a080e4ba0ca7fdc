/**
 * Runs s3rver in a process of its own (so the app under test does not share its event loop with the S3 server),
 * sends its S3 config to the parent over IPC, and stops when the parent disconnects.
 */
import { startLocalS3 } from '../../server/src/test-support/s3-server.js';

const s3 = await startLocalS3('atelier-bench');
process.send!({ config: s3.config });
process.once('disconnect', () => {
  void s3.close().finally(() => process.exit(0));
});
