#!/usr/bin/env bash
# Takes the pictures in docs/console.md and docs/reports.md: runs the console's browser tests in Chromium
# (Debian's chromium and chromium-driver) and copies what they saved, failures left out, into docs/images.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf server/target/screenshots
./mvnw -q -pl server -am verify -DskipITs -Djacoco.skip=true -Dleadline.browser=required \
  -Dtest='Console*BrowserTest' -Dsurefire.failIfNoSpecifiedTests=false
for shot in server/target/screenshots/*.png; do
  case "$(basename "$shot")" in
    *-failed*) ;;
    *) cp "$shot" docs/images/ ;;
  esac
done
ls docs/images/*.png
