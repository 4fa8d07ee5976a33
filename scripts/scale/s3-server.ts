// The scale check's S3-compatible server: s3rver on 127.0.0.1, its objects in a folder, one bucket, signed requests
// only (its default credentials S3RVER / S3RVER).
//   node --import tsx scripts/scale/s3-server.ts <port> <folder> <bucket>
import S3rver from "s3rver";

const [port, directory, bucket] = process.argv.slice(2);
if (!port || !directory || !bucket) {
  console.error("usage: s3-server.ts <port> <folder> <bucket>");
  process.exit(2);
}
const server = new S3rver({
  address: "127.0.0.1",
  port: Number(port),
  directory,
  silent: true,
  configureBuckets: [{ name: bucket, configs: [] }],
});
await server.run();
console.log(`s3rver listening on http://127.0.0.1:${port} (bucket ${bucket}, objects in ${directory})`);

const stop = () => void server.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
