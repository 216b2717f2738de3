-- Kiosk config for a touchscreen at a county science museum.
--
-- One file per touchscreen. The kiosk reads it at start (kiosk --config FILE);
-- any mistake stops the kiosk with a list of "file:line: what is wrong".
-- Relative paths below are relative to THIS file's folder, not to where the
-- kiosk was started. Keys marked (required) must be present; the others have
-- the default shown.
return {
  -- The venue, shown on the attract screen and in visitor statistics.
  venue = {
    name = { zh = "青山县科技馆", en = "Qingshan County Science Museum" }, -- (required) both languages
    kind = "county_museum",     -- (required) "county_museum" or "mobile_exhibit"
    id = "county-museum",       -- the hub's id of this venue (kiosk-hub admin add-venue --id);
                                -- required with trusted_notice_keys
  },

  -- Name of this touchscreen inside the venue, for statistics and logs:
  -- 1 to 64 letters, digits, "-" or "_".
  kiosk_name = "entrance-1",

  -- Language a new visitor sees first: "zh" (Chinese) or "en" (English).
  default_language = "zh",

  -- Seconds without a touch before the kiosk returns to the attract screen
  -- and forgets the last visitor (10 to 3600).
  idle_timeout_s = 90,

  -- (required) Folder for visitor statistics and the kiosk log. Created if missing.
  data_dir = "../build/kiosk-data/county-museum",

  -- Signed content packages (*.kpkg: exhibits and quiz packs), checked against
  -- trusted_keys. A package copied in is picked up between visitors: copy it
  -- under a temporary name and rename it to NAME.kpkg when complete (see README).
  -- This sample reads the demo packages the build makes and signs.
  content_dir = "../build/content",
  trusted_keys = { "../build/demo-keys/demo.pub" },  -- up to 16 public key files

  -- 科学性审查专家的公钥：展品包须经这里列出的专家签名批准（未过期、无驳回），
  -- 且 manifest.lua 中的审查记录与批准的日期一致，才向观众展示。
  -- Reviewers' public keys (the province's expert pool): in venue mode a package
  -- shows only with an unexpired approval signed by one of these keys (and no
  -- rejection), matching the dates of its manifest's review record. Up to 16.
  -- This sample trusts the demo reviewer key the build makes and reviews with.
  trusted_reviewers = { "../build/demo-keys/reviewer.pub" },

  -- Folders holding unsigned exhibit folders (each with manifest.lua), for
  -- curators trying things out; up to 16. Venues use content_dir.
  exhibit_dirs = {},

  -- Visitor-facing strings (buttons, titles) in Chinese and English.
  strings_file = "../content/strings.lua",

  -- The window. Sizes are pixels: width 320..7680, height 240..4320.
  window = {
    width = 1280,
    height = 720,
    fullscreen = false, -- true on the real touchscreen
    display = 0,        -- which monitor, 0..15 (0 = the first)
    vsync = true,       -- wait for the screen refresh; keep true
  },

  -- The font: it must contain Chinese characters.
  font = {
    path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    face = 0,       -- which font inside a .ttc collection, 0..15
    title_px = 72,  -- text sizes in pixels on a 1080p screen (8..200);
    body_px = 36,   -- the kiosk scales them to the window
    button_px = 40,
  },

  -- What one exhibit's Lua code may use. An exhibit that goes over stops and
  -- the visitor sees a friendly "resting" card; raise these only for an
  -- exhibit that needs it.
  exhibit_limits = {
    memory_mb = 64,       -- memory per exhibit, 8..1024
    time_budget_ms = 50,  -- per callback (update, draw, a touch), 5..1000
  },

  -- Sound: exhibits' effects and narration (kiosk.sound, kiosk.narrate).
  -- Narration always comes with captions; they show when the visitor turned
  -- sound off, in quiet hours, when the kiosk has no audio device, or always.
  sound = {
    volume = 0.8,              -- 0..1 (0: silent, captions show)
    captions = "when_silent",  -- "when_silent" | "always"
    quiet_hours = {            -- 0..8 daily spans, local "HH:MM"; nothing plays
      { from = "12:00", to = "13:30" },  -- the museum's lunch break
    },
  },

  -- Visitor statistics (data_dir/kiosk.db): anonymous sessions and what they
  -- touched, never anything about who a visitor is (see README, "Privacy").
  statistics = {
    enabled = true,
    retention_days = 400,          -- raw events kept this long, 30..3650; daily counts stay
    log_events_per_session = 600,  -- exhibit kiosk.log events kept per visitor, 0..100000
  },

  -- Emergency notices from the hub (docs/emergency-notices.md): the hub's
  -- notice key(s), made by `kiosk-hub admin notice-key` (DATA/notice.pub; list
  -- the old and the new key while rotating). With a key and the sync section
  -- below (or content_import_dirs, for notices carried on a USB stick), an
  -- Extreme or Severe notice takes the screen over at once; others show as a
  -- banner. Only notices signed by these keys are ever shown.
  -- trusted_notice_keys = { "/etc/kiosk/hub-notice.pub" },  -- 0..4 public key files
  notices = {
    poll_s = 30,                -- seconds between asking the hub for notices, 5..3600
  },

  -- Sending the usage counts to the venue's kiosk-hub (docs/sync-protocol.md).
  -- Leave this out (as here) and the kiosk never connects anywhere. With it,
  -- the kiosk syncs in the background every interval_s and after each visitor,
  -- retrying later when the hub cannot be reached; visitors never wait for it.
  -- sync = {
  --   hub_url = "https://hub.qingshan-museum.example:8443", -- https:// checks the hub's certificate;
  --                        -- http:// sends the token unencrypted: 127.0.0.1 only, or a closed
  --                        -- LAN with allow_plain_http = true
  --   token_file = "/etc/kiosk/hub.token", -- (required) the token `kiosk-hub admin add-kiosk` printed
  --   key_file = "/etc/kiosk/kiosk.key",   -- this kiosk's secret key (kioskctl keygen), signs bundles
  --   -- ca_file = "/etc/kiosk/venue-ca.pem", -- a venue hub's own CA (PEM), trusted instead of the system's
  --   interval_s = 900,                    -- seconds between syncs, 60..86400
  -- },

  -- The hidden admin panel for staff.
  admin = {
    -- (required) Hash of the admin PIN, never the PIN itself. This one is the
    -- demo PIN 2468: replace it before the kiosk goes public. A hash is what
    -- libsodium's crypto_pwhash_str writes ("$argon2id$..."); make one for your own
    -- PIN with: echo 123456 | build/bin/kiosk --hash-pin
    pin_hash = "$argon2id$v=19$m=16384,t=3,p=1$LzyWisvvVG1CksfTja3smQ$IQr9akcHhSAGV+CwVV4Qz1kAp8jIxxCi04L9EC7Dhao",
    -- Screen corner to press and hold to open the panel:
    -- "top_left", "top_right", "bottom_left" or "bottom_right".
    corner = "top_left",
    long_press_s = 5, -- seconds to hold it (2..30)
  },
}
