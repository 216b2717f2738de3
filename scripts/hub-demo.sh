#!/usr/bin/env bash
# Starts kiosk-hub on 127.0.0.1:8080 with a sample province in build/hub-demo:
# a county museum and a mobile exhibit unit, three kiosks (their tokens in
# build/hub-demo/tokens/), a province administrator "province" and one manager
# per venue, with the demo passwords printed. Builds first when
# build/bin/kiosk-hub is missing. Each kiosk first serves one simulated visitor
# (kiosk-config/visitor-path.replay, headless) and its signed bundle is
# imported, so the dashboard shows today's visits with exhibit names; then a
# simulated year of history of the three kiosks is imported the same way
# (kiosk-hub simulate, seeded). The sample setup is made once; delete
# build/hub-demo to start over. Demo passwords only: never use them on a venue
# network.
set -euo pipefail
cd "$(dirname "$0")/.."
# The hub and the kiosks refuse a data folder other users can write: make
# everything owner-only, whatever the caller's umask.
umask 077

HUB=build/bin/kiosk-hub
DATA=build/hub-demo
if [ ! -x "$HUB" ] || [ ! -x build/bin/kiosk ] || [ ! -x build/bin/kioskctl ] ||
   [ ! -f build/demo-keys/reviewer.pub ]; then
  scripts/build.sh
fi

if [ ! -f "$DATA/hub.db" ]; then
  mkdir -p "$DATA/tokens"
  "$HUB" admin add-venue --data "$DATA" --id county-museum --name-zh "示范县科技馆" \
    --name-en "Demo County Science Museum" --kind county_museum
  "$HUB" admin add-venue --data "$DATA" --id mobile-unit --name-zh "流动科技馆一号车" \
    --name-en "Mobile Exhibit Unit 1" --kind mobile_exhibit
  mkdir -p "$DATA/keys" "$DATA/kiosks"
  for kiosk in lobby-1:county-museum:county-museum hall-2:county-museum:county-museum \
                truck-1:mobile-unit:mobile-truck; do
    IFS=: read -r id venue config <<< "$kiosk"
    build/bin/kioskctl keygen "$DATA/keys/$id" > /dev/null
    "$HUB" admin add-kiosk --data "$DATA" --venue "$venue" --id "$id" \
      --in-service-since "$(date -u -d "366 days ago" +%F)" \
      --public-key "$DATA/keys/$id.pub" | sed -n 's/^token: //p' > "$DATA/tokens/$id.token"
    chmod 600 "$DATA/tokens/$id.token"
    echo "added kiosk $id to venue $venue (token in $DATA/tokens/$id.token)"
    # A first visitor, through the real pipeline: the kiosk (headless) records
    # one visitor's path in its own kiosk.db, writes a signed offline bundle,
    # and the hub imports it, so the dashboard has something to show today.
    build/bin/kiosk --config "kiosk-config/$config.lua" --headless --fast-idle \
      --data "$DATA/kiosks/$id" --input kiosk-config/visitor-path.replay \
      > "$DATA/kiosks/$id.log" 2>&1 || { cat "$DATA/kiosks/$id.log"; exit 1; }
    build/bin/kioskctl sync export --config "kiosk-config/$config.lua" --data "$DATA/kiosks/$id" \
      --kiosk-id "$id" --key "$DATA/keys/$id.key" -o "$DATA/kiosks/$id-bundle.json" > /dev/null
    "$HUB" import --data "$DATA" "$DATA/kiosks/$id-bundle.json"
  done
  # A year of history, through the real sync path: `kiosk-hub simulate`
  # (for demos only) plays the three kiosks' last 365 days (seeded, so the
  # demo is the same every time) as bundles signed with their keys, exported
  # during opening hours, and the hub imports them like any bundle.
  "$HUB" simulate --data "$DATA" --keys "$DATA/keys" --seed 20 --days 365 \
    --titles-from build/content \
    -o "$DATA/simulated-bundles"
  find "$DATA/simulated-bundles" -name '*.json' | sort |
    xargs "$HUB" import --data "$DATA" | tail -n 1
  rm -rf "$DATA/simulated-bundles"
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

# A kiosk config that pulls content and emergency notices from this hub:
# ID VENUE_ID VENUE_KIND NAME_ZH NAME_EN.
# Paths are relative to the config's folder (build/hub-demo/kiosks); the data
# folder is the one the kiosk's first visitor above was recorded in.
write_kiosk_config() {
  local id=$1 venue=$2 kind=$3 name_zh=$4 name_en=$5 pin_hash
  pin_hash=$(sed -n 's/^ *pin_hash = "\(.*\)",.*/\1/p' kiosk-config/county-museum.lua)
  mkdir -p "$DATA/kiosks/$id" "$DATA/kiosks/$id-content"
  cat > "$DATA/kiosks/$id.lua" <<LUA
-- Kiosk $id of the hub demo (made by scripts/hub-demo.sh): its content comes
-- from the hub at http://127.0.0.1:8080 (what the hub assigns to $id), and
-- so do the emergency notices for venue $venue (signed with ../notice.pub).
return {
  venue = { name = { zh = "$name_zh", en = "$name_en" }, kind = "$kind", id = "$venue" },
  kiosk_name = "$id",
  default_language = "zh",
  idle_timeout_s = 90,
  data_dir = "$id",
  content_dir = "$id-content",
  trusted_keys = { "../../demo-keys/demo.pub" },
  trusted_reviewers = { "../../demo-keys/reviewer.pub" },
  trusted_content_keys = { "../content.pub" },
  trusted_notice_keys = { "../notice.pub" },
  notices = { poll_s = 30 },
  exhibit_dirs = {},
  strings_file = "../../../content/strings.lua",
  window = { width = 1280, height = 720, fullscreen = false, vsync = true },
  font = { path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", face = 0 },
  sync = { hub_url = "http://127.0.0.1:8080", token_file = "../tokens/$id.token", interval_s = 60 },
  admin = { pin_hash = "$pin_hash" },
}
LUA
  echo "wrote $DATA/kiosks/$id.lua"
}

if [ ! -f "$DATA/content.pub" ]; then
  "$HUB" admin content-key --data "$DATA"
  "$HUB" admin add-publisher --data "$DATA" --name "Demo publisher (build/demo-keys/demo)" \
    --public-key build/demo-keys/demo.pub
  "$HUB" admin add-reviewer --data "$DATA" --name "示例审查专家 (demo reviewer)" \
    --organization "示例科学技术协会 (demo)" --field "physics, earth science" \
    --public-key build/demo-keys/reviewer.pub
  for package in build/content/*.kpkg; do
    "$HUB" content add --data "$DATA" "$package"
    "$HUB" content publish --data "$DATA" "$(basename "$package" .kpkg)"
  done
  "$HUB" content assign --data "$DATA" --kiosk lobby-1 pendulum-lab water-cycle
  "$HUB" content assign --data "$DATA" --kiosk hall-2 earthquake-drill general-science
  write_kiosk_config lobby-1 county-museum county_museum "示范县科技馆" "Demo County Science Museum"
  write_kiosk_config hall-2 county-museum county_museum "示范县科技馆" "Demo County Science Museum"
  write_kiosk_config truck-1 mobile-unit mobile_exhibit "流动科技馆一号车" "Mobile Exhibit Unit 1"
fi

# The hub's notice key: the demo kiosks above trust DATA/notice.pub. The
# county museum sits in the sample alerts' county (GB/T 2260 511826), the
# truck in the city around it, so docs/examples/cap-*.xml reach them.
if [ ! -f "$DATA/notice.pub" ]; then
  "$HUB" admin notice-key --data "$DATA"
  "$HUB" admin set-division --data "$DATA" --venue county-museum --code 511826
  "$HUB" admin set-division --data "$DATA" --venue mobile-unit --code 511803
fi

"$HUB" admin list --data "$DATA"
"$HUB" content list --data "$DATA"
cat <<TEXT

Try it from another terminal:
  curl -s http://127.0.0.1:8080/api/v1/health
  curl -s -i -H "Authorization: Bearer wrong.token" -d '{}' http://127.0.0.1:8080/api/v1/sync   # 401
  curl -s -i -H "Authorization: Bearer \$(cat $DATA/tokens/lobby-1.token)" -d '{bad' http://127.0.0.1:8080/api/v1/sync   # 400
  build/bin/kiosk --config $DATA/kiosks/lobby-1.lua   # a kiosk that shows what the hub assigns it
  scripts/cap-sample-now.sh docs/examples/cap-earthquake-severe.xml > /tmp/quake.xml
  build/bin/kiosk-hub notice import --data $DATA /tmp/quake.xml   # the earthquake alert takes over the county museum's kiosks
Stop with Ctrl-C.

TEXT
exec "$HUB" serve --listen 127.0.0.1:8080 --data "$DATA"
