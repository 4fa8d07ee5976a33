// npm run build: the production build of the web app.
import { runBuild } from "./lib/run-build";

await runBuild();
