#!/usr/bin/env bash
# Starts kiosk-hub on 127.0.0.1:8080 with a sample province in build/hub-demo:
# a county museum and a mobile exhibit unit, three kiosks (their tokens in
# build/hub-demo/tokens/), a province administrator "province" and one manager
# per venue, with the demo passwords printed. Builds first when
# build/bin/kiosk-hub is missing. The sample setup is made once; delete
# build/hub-demo to start over. Demo passwords only: never use them on a venue
# network.
set -euo pipefail
cd "$(dirname "$0")/.."

HUB=build/bin/kiosk-hub
DATA=build/hub-demo
if [ ! -x "$HUB" ]; then
  scripts/build.sh
fi

if [ ! -f "$DATA/hub.db" ]; then
  mkdir -p "$DATA/tokens"
  "$HUB" admin add-venue --data "$DATA" --id county-museum --name-zh "示范县科技馆" \
    --name-en "Demo County Science Museum" --kind county_museum
  "$HUB" admin add-venue --data "$DATA" --id mobile-unit --name-zh "流动科技馆一号车" \
    --name-en "Mobile Exhibit Unit 1" --kind mobile_exhibit
  for kiosk in lobby-1:county-museum hall-2:county-museum truck-1:mobile-unit; do
    id=${kiosk%%:*}
    venue=${kiosk##*:}
    "$HUB" admin add-kiosk --data "$DATA" --venue "$venue" --id "$id" |
      sed -n 's/^token: //p' > "$DATA/tokens/$id.token"
    chmod 600 "$DATA/tokens/$id.token"
    echo "added kiosk $id to venue $venue (token in $DATA/tokens/$id.token)"
  done
  echo "demo-province" | "$HUB" admin add-user --data "$DATA" --name province --role province_admin
  echo "demo-county" | "$HUB" admin add-user --data "$DATA" --name county-manager \
    --role venue_manager --venue county-museum
  echo "demo-mobile" | "$HUB" admin add-user --data "$DATA" --name mobile-manager \
    --role venue_manager --venue mobile-unit
  cat <<'TEXT'

Demo accounts (demo passwords, for this sample only):
  province        demo-province   province administrator (every venue)
  county-manager  demo-county     manager of county-museum
  mobile-manager  demo-mobile     manager of mobile-unit
TEXT
fi

"$HUB" admin list --data "$DATA"
cat <<TEXT

Try it from another terminal:
  curl -s http://127.0.0.1:8080/api/v1/health
  curl -s -i -H "Authorization: Bearer wrong.token" -d '{}' http://127.0.0.1:8080/api/v1/sync   # 401
  curl -s -i -H "Authorization: Bearer \$(cat $DATA/tokens/lobby-1.token)" -d '{bad' http://127.0.0.1:8080/api/v1/sync   # 400
Stop with Ctrl-C.

TEXT
exec "$HUB" serve --listen 127.0.0.1:8080 --data "$DATA"
