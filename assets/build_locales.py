#!/usr/bin/env python3
"""Writes assets/public/_locales/{en,zh_CN}/messages.json from the one table below. `$1`…`$9` in a
message become named placeholders, the form both Chrome and Firefox document.
Run: python3 assets/build_locales.py
"""
import json
import re
from pathlib import Path

# name: (English, 简体中文)
MESSAGES = {
    "extName": ("Video Keeper", "Video Keeper 视频收藏"),
    "extDescription": (
        "Captures the videos AI chat UIs generate and keeps them in a gallery.",
        "捕获 AI 聊天界面生成的视频，并保存在图库中。",
    ),
    # Popup and pages
    "openFullGallery": ("Open full gallery", "打开完整图库"),
    "settings": ("Settings", "设置"),
    "thisSite": ("This site", "当前网站"),
    "galleryTitle": ("Video Keeper gallery", "Video Keeper 图库"),
    "settingsTitle": ("Video Keeper settings", "Video Keeper 设置"),
    # Offline copies
    "offlineTitle": ("Offline copies", "离线副本"),
    "offlineKeep": ("Keep an offline copy of each new video and its cover on every site", "在所有网站上为每个新视频及其封面保存离线副本"),
    "offlineHint": (
        "Video links from AI models often expire after a few hours or days. A copy in the browser keeps the video playable and downloadable afterwards. Switching this on asks to read video links on any site, because models serve their files from many hosts.",
        "AI 模型给出的视频链接常在几小时或几天后失效。保存在浏览器中的副本让视频之后仍可播放和下载。开启时会请求读取任意网站上的视频链接的权限，因为模型从许多不同的主机提供文件。",
    ),
    "offlineCapLabel": ("Space for copies at most", "副本最多占用"),
    "offlineUsage": ("$1 videos kept, $2 of $3.", "已保存 $1 个视频，占用 $2 / $3。"),
    "offlineRefused": (
        "Offline copies stay off: the browser did not allow reading video links.",
        "离线副本保持关闭：浏览器未允许读取视频链接。",
    ),
    "offlineClear": ("Turn off and delete all copies…", "关闭并删除全部副本…"),
    "offlineClearConfirm": (
        "Delete every offline copy? Videos whose links have expired can then no longer be played or downloaded.",
        "删除全部离线副本？链接已失效的视频将无法再播放或下载。",
    ),
    "offlineCleared": ("Deleted $1 offline copies.", "已删除 $1 个离线副本。"),
    "offlineSaveError": ("Could not save: $1", "无法保存：$1"),
    "offlineMissing": ("No offline copy", "无离线副本"),
    "offlineMissingTooLarge": (
        "Not kept offline: larger than the space left for copies (see Settings).",
        "未保存离线副本：超出副本剩余空间（见设置）。",
    ),
    "offlineMissingNotVideo": (
        "Not kept offline: the link did not give a video file.",
        "未保存离线副本：该链接返回的不是视频文件。",
    ),
    "offlineMissingUnreachable": (
        "Not kept offline: the video could not be fetched (tried again later).",
        "未保存离线副本：无法获取视频（稍后会重试）。",
    ),
    # Site access
    "siteUnsupported": ("Video Keeper captures on web pages only.", "Video Keeper 只在网页上捕获。"),
    "siteDefault": ("Capturing on $1 (a built-in site).", "正在 $1 上捕获（内置网站）。"),
    "siteEnabled": ("Capturing on $1.", "正在 $1 上捕获。"),
    "siteEnabledReload": ("Capturing on $1. Reload the page to start.", "已在 $1 上开启捕获。刷新页面后生效。"),
    "siteDisabled": ("Not capturing on $1.", "未在 $1 上捕获。"),
    "siteStopped": ("Stopped capturing on $1.", "已停止在 $1 上捕获。"),
    "siteEnable": ("Capture on this site", "在此网站捕获"),
    "siteDisable": ("Stop capturing here", "停止在此捕获"),
    "siteReload": ("Reload page", "刷新页面"),
    "siteStatusError": ("Could not tell whether this site is captured: $1", "无法判断此网站是否在捕获：$1"),
    "sitePermissionRefused": ("Permission to read $1 was not given.", "未获得读取 $1 的权限。"),
    "sitesTitle": ("Sites you added", "你添加的网站"),
    "sitesBuiltIn": (
        "Video Keeper always captures on localhost, 127.0.0.1, [::1] and a few known chat sites.",
        "Video Keeper 始终在 localhost、127.0.0.1、[::1] 和几个已知的聊天网站上捕获。",
    ),
    "sitesNone": (
        "No other sites yet. Open a chat site, click the Video Keeper button and choose \"Capture on this site\".",
        "还没有其他网站。打开聊天网站，点击 Video Keeper 按钮，选择“在此网站捕获”。",
    ),
    "sitesRemove": ("Remove", "移除"),
    "sitesRemoveLabel": ("Stop capturing on $1", "停止在 $1 上捕获"),
    "sitesListError": ("Could not read the enabled sites: $1", "无法读取已开启的网站：$1"),
    # Signals (auto-download, notification)
    "signalsTitle": ("New videos", "新视频"),
    "autoDownloadLabel": ("Download each new video when it is done", "新视频完成后自动下载"),
    "autoDownloadHint": (
        "Saved under the download name above, once. Videos already in the library and imported ones are not downloaded.",
        "按上面的下载文件名保存，只下载一次。视频库中已有的和导入的视频不会下载。",
    ),
    "notifyDoneLabel": ("Notify me when a video is done", "视频生成完成时通知我"),
    "notifyDoneHint": (
        "A system notification when a video that was generating is ready; click it to open the gallery. The browser asks you to allow notifications first.",
        "正在生成的视频完成时显示系统通知，点击通知打开图库。浏览器会先请你允许通知。",
    ),
    "notifyRefused": (
        "Notifications were not allowed, so this stays off. Switch it on again and choose Allow.",
        "未允许通知，此项保持关闭。请重新开启并选择“允许”。",
    ),
    "notifyPermissionMissing": (
        "Notifications are off: their permission was removed in the browser. Switch this on to allow them again.",
        "通知已关闭：浏览器中的通知权限已被移除。开启此项可重新允许。",
    ),
    "notifyRequestError": ("Could not ask for permission to notify: $1", "无法请求通知权限：$1"),
    "notifyDoneNoPrompt": ("A video is ready.", "视频已生成。"),
    "signalsSaved": ("Saved.", "已保存。"),
    "signalsSaveError": ("Could not save: $1", "无法保存：$1"),
    # Entries
    "noPrompt": ("No prompt", "无提示词"),
    "entryUnreadable": ("This entry cannot be shown ($1); export the library to keep it, or delete it.", "无法显示此条目（$1）；可导出视频库保存，或删除它。"),
    "linkExpired": ("Link expired", "链接已过期"),
    "download": ("Download", "下载"),
    "copyLink": ("Copy link", "复制链接"),
    "openVideo": ("Open video", "打开视频"),
    "emptyTitle": ("No videos yet.", "还没有视频。"),
    # Status, errors and library (i18n pass)
    # Not shown: the catalog's own language (BCP 47), for Intl formats beside its words (uiLocale() in src/i18n/t.ts).
    "catalogLocale": ("en", "zh-CN"),
    "statusGeneratingProgress": ("Generating · 🔥×$1", "生成中 · 🔥×$1"),
    "statusGeneratingPercent": ("Generating · $1%", "生成中 · $1%"),
    "statusGeneratingStarted": ("Generating…", "生成中…"),
    "statusPartialBecause": ("Partial · $1", "部分完成 · $1"),
    "statusPartialStreaming": ("Video saved · the answer is still streaming", "视频已保存 · 回答仍在输出"),
    "statusFailedBecause": ("Failed · $1", "失败 · $1"),
    "partialStreamError": (
        "the stream broke after the video arrived; the link or later videos may be incomplete",
        "视频到达后数据流中断；链接或后续视频可能不完整",
    ),
    "partialInterrupted": (
        "the page was closed before the answer ended; later videos may be missing",
        "回答结束前页面已关闭；后续视频可能缺失",
    ),
    "partialTruncated": (
        "the answer was too long and was cut at a size limit; later videos may be missing",
        "回答过长，已在大小上限处截断；后续视频可能缺失",
    ),
    "partialUnknown": ("the answer did not end cleanly", "回答未正常结束"),
    "failedNoResult": (
        "the answer ended without a video (the model failed or timed out)",
        "回答已结束但没有视频（模型出错或超时）",
    ),
    "failedStreamError": ("the stream broke before the video arrived", "视频到达前数据流已中断"),
    "failedInterrupted": ("the page was closed before the video arrived", "视频到达前页面已关闭"),
    "failedTruncated": (
        "the answer was too long and was cut at a size limit before the video arrived",
        "回答过长，在视频到达前已在大小上限处截断",
    ),
    "unknownReason": ("unknown reason", "原因未知"),
    "justNow": ("just now", "刚刚"),
    "libraryNoSpace": (
        "The browser has no storage space left for the video library ($1). Free some disk space, then close and reopen the popup.",
        "浏览器已没有可供视频库使用的存储空间（$1）。请释放一些磁盘空间，然后关闭并重新打开弹出窗口。",
    ),
    "libraryUpdated": (
        "Video Keeper was updated while this popup was open. Close and reopen the popup.",
        "Video Keeper 在弹出窗口打开期间已更新。请关闭并重新打开弹出窗口。",
    ),
    "libraryUnavailable": (
        "The browser's database (IndexedDB) is not available to Video Keeper ($1). It is switched off in some private or locked-down profiles: allow site data for extensions, then close and reopen the popup.",
        "Video Keeper 无法使用浏览器的数据库 IndexedDB（$1）。某些隐私或受限的配置文件会将其关闭：请允许扩展程序保存网站数据，然后关闭并重新打开弹出窗口。",
    ),
    "libraryReadRetry": (
        "Could not read the video library: $1. Close and reopen the popup to retry.",
        "无法读取视频库：$1。请关闭并重新打开弹出窗口重试。",
    ),
    "backlogOne": ("1 captured change is not saved yet", "有 1 项捕获的更改尚未保存"),
    "backlogCount": ("$1 captured changes are not saved yet", "有 $1 项捕获的更改尚未保存"),
    "backlogNoSpace": (
        "$1: the browser has no storage space left ($2). Video Keeper keeps them and retries; free some disk space.",
        "$1：浏览器已没有存储空间（$2）。Video Keeper 会保留这些更改并重试；请释放一些磁盘空间。",
    ),
    "backlogUnavailable": (
        "$1: the browser's database is not available ($2). Video Keeper keeps them and retries.",
        "$1：浏览器的数据库不可用（$2）。Video Keeper 会保留这些更改并重试。",
    ),
    "backlogError": ("$1: $2. Video Keeper keeps them and retries.", "$1：$2。Video Keeper 会保留这些更改并重试。"),
    "downloadGone": ("This video is no longer in the library.", "此视频已不在视频库中。"),
    "downloadNoLink": ("This video has no downloadable link yet.", "此视频还没有可下载的链接。"),
    "downloadNotStarted": ("The download did not start: $1", "下载未能开始：$1"),
    "downloadInterrupted": ("The download was interrupted ($1).", "下载已中断（$1）。"),
    "backgroundNoAnswer": (
        "the extension's background did not answer ($1); reload the extension and try again",
        "扩展程序后台没有响应（$1）；请重新加载扩展程序后重试",
    ),
    "backgroundNoResponse": ("the background has no answer to \"$1\"", "后台没有回应“$1”"),
    "backgroundBadResponse": ("the background answered \"$1\" in an unknown shape", "后台对“$1”的回应格式无法识别"),
    "siteNotWeb": ("Not a web site: $1", "不是网站：$1"),
    "siteNotAllowed": (
        "Video Keeper may not read $1 yet: allow it when the browser asks.",
        "Video Keeper 尚无权读取 $1：请在浏览器询问时允许。",
    ),
    "siteEnableFailed": ("Could not turn on capture for $1: $2", "无法在 $1 上开启捕获：$2"),
    "siteDisableFailed": ("Could not turn off capture for $1: $2", "无法在 $1 上关闭捕获：$2"),
    "deleteFailed": ("Could not delete: $1", "无法删除：$1"),
    "restoreFailed": ("Could not save the entries: $1", "无法保存条目：$1"),
    "clearFailed": ("Could not clear the library: $1", "无法清空视频库：$1"),
    "libraryFileNotJson": ("This is not a JSON file ($1).", "这不是 JSON 文件（$1）。"),
    "libraryFileForeign": (
        "This is not a Video Keeper library file (export one from the settings page).",
        "这不是 Video Keeper 视频库文件（可在设置页导出）。",
    ),
    "libraryFileNewer": (
        "This library file comes from a newer Video Keeper: update the extension first.",
        "此视频库文件来自更新版本的 Video Keeper：请先更新扩展程序。",
    ),
    "libraryFileNoEntries": ("The library file has no entries list.", "视频库文件中没有条目列表。"),
    "logTooLarge": ("The file is larger than $1 MB.", "文件超过 $1 MB。"),
    "importedOne": ("Imported 1 video.", "已导入 1 个视频。"),
    "importedWithSkipped": ("Imported $1; skipped $2.", "已导入 $1；跳过 $2。"),
    "importedLogFound": ("Read $1 from the log; $2 found.", "从记录中读取了 $1；找到 $2。"),
    "videoCountOne": ("1 video", "1 个视频"),
    "videoCount": ("$1 videos", "$1 个视频"),
    "streamCountOne": ("1 stream", "1 个流"),
    "streamCount": ("$1 streams", "$1 个流"),
    "brokenEntryCountOne": ("1 broken entry", "1 个损坏的条目"),
    "brokenEntryCount": ("$1 broken entries", "$1 个损坏的条目"),
    # Full gallery
    "searchPrompts": ("Search prompts", "搜索提示词"),
    "filterSite": ("Site", "网站"),
    "filterModel": ("Model", "模型"),
    "filterStatus": ("Status", "状态"),
    "sortLabel": ("Sort", "排序"),
    "allSites": ("All sites", "全部网站"),
    "allModels": ("All models", "全部模型"),
    "allStatuses": ("All statuses", "全部状态"),
    "statusDone": ("Done", "完成"),
    "statusGenerating": ("Generating", "生成中"),
    "statusPartial": ("Partial", "部分完成"),
    "statusFailed": ("Failed", "失败"),
    "newestFirst": ("Newest first", "最新优先"),
    "oldestFirst": ("Oldest first", "最早优先"),
    "selectAllShown": ("Select all shown videos", "选择显示的全部视频"),
    "selectedCount": ("$1 selected", "已选 $1 个"),
    "downloadSelected": ("Download selected", "下载所选"),
    "deleteSelected": ("Delete selected", "删除所选"),
    "showMore": ("Show more", "显示更多"),
    "videosLabel": ("Videos", "视频"),
    "noMatch": ("No videos match.", "没有匹配的视频。"),
    "showingCount": ("Showing $1 of $2 videos", "显示 $1 / $2 个视频"),
    "selectEntry": ("Select $1", "选择 $1"),
    "previewVideo": ("Play $1 here", "在此播放 $1"),
    "deletedCount": ("Deleted $1 videos.", "已删除 $1 个视频。"),
    "deletedOne": ("Deleted 1 video.", "已删除 1 个视频。"),
    "undo": ("Undo", "撤销"),
    "libraryReadError": ("Could not read the video library: $1", "无法读取视频库：$1"),
    # Download queue
    "downloads": ("Downloads", "下载"),
    "clearFinished": ("Clear finished", "清除已完成"),
    "queueWaiting": ("Waiting", "等待中"),
    "queueStarting": ("Starting…", "正在开始…"),
    "queueDownloading": ("Downloading…", "下载中…"),
    "queueSaved": ("Saved", "已保存"),
    "queueProgressLabel": ("Download of $1", "$1 的下载"),
    # Options: names
    "namesTitle": ("Download names", "下载文件名"),
    "templateLabel": ("File name template", "文件名模板"),
    "templateHelp": (
        "Click a placeholder to add it. Use / for subfolders of your downloads folder.",
        "点击占位符插入。用 / 表示下载文件夹中的子文件夹。",
    ),
    "templateInsert": ("Insert $1: $2", "插入 $1：$2"),
    "templateReset": ("Reset", "重置"),
    "templateUnknown": ("Unknown placeholders: $1 (kept as written).", "未知占位符：$1（按原样保留）。"),
    "templateUnknownOne": ("Unknown placeholder: $1 (kept as written).", "未知占位符：$1（按原样保留）。"),
    "templatePreview": ("Preview", "预览"),
    "templateSaved": ("Saved.", "已保存。"),
    "templateSaveError": ("Could not save: $1", "无法保存：$1"),
    "tokenDate": ("capture date, 2025-03-25", "捕获日期，2025-03-25"),
    "tokenTime": ("capture time, 14-03-59", "捕获时间，14-03-59"),
    "tokenPrompt": ("the prompt", "提示词"),
    "tokenTaskId": ("the task id", "任务 ID"),
    "tokenModel": ("the model", "模型"),
    "tokenSite": ("the chat site, e.g. chatglm.cn", "聊天网站，例如 chatglm.cn"),
    "tokenIndex": ("position of the video in its answer, 1, 2 …", "视频在回答中的位置，1、2 …"),
    # Options: library
    "libraryTitle": ("Library", "视频库"),
    "exportLibrary": ("Export library (JSON)", "导出视频库（JSON）"),
    "importLibrary": ("Import a library or a saved chat log (JSON, SSE, NDJSON, HAR)", "导入视频库或保存的聊天记录（JSON、SSE、NDJSON、HAR）"),
    "clearLibrary": ("Delete all videos…", "删除全部视频…"),
    "clearConfirm": (
        "Delete every video from the library? Downloaded files stay on disk. Export first to keep a copy.",
        "从视频库中删除全部视频？已下载的文件会保留在磁盘上。如需保留副本，请先导出。",
    ),
    "exportedCount": ("Exported $1 videos.", "已导出 $1 个视频。"),
    "exportedOne": ("Exported 1 video.", "已导出 1 个视频。"),
    "importedCount": ("Imported $1 videos.", "已导入 $1 个视频。"),
    "clearedCount": ("Deleted $1 videos.", "已删除 $1 个视频。"),
    "clearedOne": ("Deleted 1 video.", "已删除 1 个视频。"),
    "storageUsed": ("Storage used: $1 of $2 available.", "已用存储：$1，可用 $2。"),
    "storageUnknown": ("Storage used: unknown.", "已用存储：未知。"),
    # Gallery (views, dates, preview, chat page)
    "filterDate": ("Date", "日期"),
    "dateAnyTime": ("Any time", "任何时间"),
    "dateToday": ("Today", "今天"),
    "dateLast7Days": ("Last 7 days", "最近 7 天"),
    "dateLast30Days": ("Last 30 days", "最近 30 天"),
    "dateCustom": ("Custom dates…", "自定义日期…"),
    "dateFrom": ("From", "开始日期"),
    "dateTo": ("To", "结束日期"),
    "viewLabel": ("View", "视图"),
    "viewGrid": ("Grid", "网格"),
    "viewList": ("List", "列表"),
    "openChatPage": ("Open chat page", "打开聊天页面"),
    "offlineCopy": ("Offline copy", "离线副本"),
    "offlineCopyVideo": (
        "The video is kept in the browser and plays without its link.",
        "视频已保存在浏览器中，无需原链接即可播放。",
    ),
    "offlineCopyCover": ("Only the cover is kept in the browser.", "浏览器中只保存了封面。"),
    "expiredNoCopy": (
        "The link has expired and no offline copy was kept, so the video can no longer be downloaded or opened.",
        "链接已过期，且没有保存离线副本，因此无法再下载或打开该视频。",
    ),
    "expiredWithCopy": (
        "The link has expired. The offline copy plays here, and Download saves it.",
        "链接已过期。离线副本可在此播放，“下载”会保存该副本。",
    ),
    "entryDownloading": ("Downloading…", "下载中…"),
    "entrySavedAs": ("Saved as $1", "已保存为 $1"),
    "entryDownloadFailed": ("Download failed: $1", "下载失败：$1"),
    "entryLinkCopied": ("Link copied", "链接已复制"),
    "entryCopyFailed": ("Could not copy the link: $1", "无法复制链接：$1"),
    "entryOpenFailed": ("Could not open the video: $1", "无法打开视频：$1"),
    "entryOpenPageFailed": ("Could not open the chat page: $1", "无法打开聊天页面：$1"),
    "emptyHint": (
        "Videos generated on enabled sites appear here: $1 (any port), known chat hosts ($2) and the video apps $3.",
        "在已开启捕获的网站上生成的视频会显示在这里：$1（任意端口）、已知的聊天网站（$2）以及视频应用 $3。",
    ),
    "emptyEnable": (
        "Chatting somewhere else? Open that chat site, click the Video Keeper button in the toolbar and choose \"Capture on this site\", then reload the page.",
        "在其他网站聊天？打开该聊天网站，点击工具栏中的 Video Keeper 按钮，选择“在此网站捕获”，然后刷新页面。",
    ),
    "entryLabel": ("$1, $2", "$1，$2"),
    "facetCount": ("$1 ($2)", "$1（$2）"),
    # Keeping a video that was missed: the popup's page scan (src/page-scan)
    "findVideos": ("Find videos on this page", "查找本页视频"),
    "findingVideos": ("Looking for videos on this page…", "正在查找本页视频…"),
    "findVideosFailed": ("Could not look at this page: $1", "无法读取此页面：$1"),
    "foundNoVideos": ("No video files on this page.", "此页面上没有视频文件。"),
    "foundOneVideo": ("1 video on this page.", "此页面上有 1 个视频。"),
    "foundVideos": ("$1 videos on this page.", "此页面上有 $1 个视频。"),
    "foundStreamVideos": (
        "$1 video(s) here play from a stream the page assembles in memory (MediaSource, a blob: address): there is no file address to keep. Look for the site's own download link.",
        "此处有 $1 个视频由页面在内存中拼接的流播放（MediaSource，blob: 地址），没有可保存的文件地址。请使用网站自己的下载链接。",
    ),
    "keepAll": ("Keep all", "全部保存"),
    "keepVideo": ("Keep", "保存"),
    "alreadyInLibrary": ("already in your library", "已在你的视频库中"),
    "keptOneVideo": ("Kept 1 video.", "已保存 1 个视频。"),
    "keptVideos": ("Kept $1 videos.", "已保存 $1 个视频。"),
    "keptNothingNew": ("Already in your library: nothing new to keep.", "已在你的视频库中，没有新的视频需要保存。"),
    "keepFailed": ("Could not keep the videos: $1", "无法保存视频：$1"),
    # The context menu (src/context-menu)
    "keepThisVideo": ("Keep this video", "保存此视频"),
    # Chat history import (src/library/import-chat-history*.ts)
    "importedChatsFound": ("Found $1 in $2 ($3 export).", "在 $2 中找到 $1（$3 导出）。"),
    "chatCountOne": ("1 chat", "1 个对话"),
    "chatCount": ("$1 chats", "$1 个对话"),
    # Site rules (options)
    "siteRulesTitle": ("Site rules", "网站规则"),
    "siteRulesHint": (
        "When a video app changes its pages, a rule pack can teach Video Keeper the new paths and field names without waiting for an update of the extension. A pack is JSON data, never code: import one from a file, or subscribe to one by https URL.",
        "当视频应用改动页面时，规则包可以把新的路径和字段名告诉 Video Keeper，无需等待扩展更新。规则包是 JSON 数据，绝不是代码：可以从文件导入，或通过 https 地址订阅。",
    ),
    "siteRulesSubscriptionHint": (
        "A subscription (off until you add one) fetches only the pack's URL, at most once a day, sending no cookies and none of your data; it asks for permission to that one site.",
        "订阅（在您添加之前不会开启）只获取规则包的地址，每天最多一次，不发送 Cookie 和您的任何数据；订阅时会请求访问该网站的权限。",
    ),
    "siteRulesImport": ("Import a rule pack:", "导入规则包："),
    "siteRulesUrlLabel": ("Rule pack URL (https)", "规则包地址（https）"),
    "siteRulesSubscribe": ("Subscribe", "订阅"),
    "siteRulesNone": ("No rule packs. The built-in rules are in use.", "没有规则包。正在使用内置规则。"),
    "siteRulesImported": ("Rule pack $1 $2 is in use.", "规则包 $1 $2 已启用。"),
    "siteRulesSubscribed": ("Subscribed: rule pack $1 $2 is in use and is checked for updates once a day.", "已订阅：规则包 $1 $2 已启用，每天检查一次更新。"),
    "siteRulesRemoved": ("Rule pack $1 removed.", "已移除规则包 $1。"),
    "siteRulesRemove": ("Remove", "移除"),
    "siteRulesFromFile": ("imported from a file, $1", "从文件导入，$1"),
    "siteRulesFromUrl": ("subscribed to $1, updated $2", "订阅自 $1，更新于 $2"),
    "siteRulesOverrides": ("$1: $2 endpoints of the built-in app replaced or added", "$1：替换或新增了内置应用的 $2 个接口"),
    "siteRulesAdds": ("$1: a new app on $2", "$1：$2 上的新应用"),
    "siteRulesAllow": ("Allow capture on $1", "允许在 $1 上捕获"),
    "siteRulesAllowed": ("Capturing on $1. Reload its pages to start.", "正在 $1 上捕获。刷新其页面后生效。"),
    "siteRulesNoPermission": ("The browser did not allow access to $1: nothing changed.", "浏览器未允许访问 $1：未做任何更改。"),
    "siteRulesNotHttps": ("A subscription needs an https:// URL.", "订阅需要 https:// 地址。"),
    "siteRulesUpdateFailed": ("The last update was refused; the previous version stays in use. $1", "最近一次更新被拒绝，仍在使用之前的版本。$1"),
    "siteRulesError": ("Could not change the site rules: $1", "无法更改网站规则：$1"),
    "siteRulesNotJson": ("Rule pack refused, nothing changed: it is not JSON ($1).", "已拒绝规则包，未做任何更改：它不是 JSON（$1）。"),
    "siteRulesTooLarge": ("Rule pack refused, nothing changed: it is larger than 256 KiB ($1).", "已拒绝规则包，未做任何更改：大小超过 256 KiB（$1）。"),
    "siteRulesBadSchema": ("Rule pack refused, nothing changed: it does not follow the rule schema ($1).", "已拒绝规则包，未做任何更改：不符合规则格式（$1）。"),
    "siteRulesBadHost": ("Rule pack refused, nothing changed: a host would match far more than one site, or is not a host name ($1).", "已拒绝规则包，未做任何更改：某个主机会匹配远不止一个网站，或不是主机名（$1）。"),
    "siteRulesUnsafePath": ("Rule pack refused, nothing changed: a path pattern is not allowed ($1).", "已拒绝规则包，未做任何更改：某个路径模式不被允许（$1）。"),
    "siteRulesUnsafeTemplate": ("Rule pack refused, nothing changed: a URL template or base must be an http(s) address ($1).", "已拒绝规则包，未做任何更改：URL 模板或基地址必须是 http(s) 地址（$1）。"),
    "siteRulesUnknownExtractor": ("Rule pack refused, nothing changed: it names no built-in extractor ($1).", "已拒绝规则包，未做任何更改：它指向不存在的内置提取器（$1）。"),
    "siteRulesFetchFailed": ("Could not fetch the rule pack ($1).", "无法获取规则包（$1）。"),
    # Video apps (options) and the capture log
    "siteSwitchedOff": ("Capture is switched off for $1 (Settings → Video apps).", "已在设置中关闭对 $1 的捕获（设置 → 视频应用）。"),
    "videoAppsTitle": ("Video apps", "视频应用"),
    "videoAppsHint": (
        "Video Keeper captures your own generations on these apps out of the box. Switched off, an app's pages run none of the capture scripts (after a reload).",
        "Video Keeper 默认捕获你在这些应用中生成的视频。关闭后，该应用的页面（刷新后）不再运行任何捕获脚本。",
    ),
    "videoAppOn": ("Capturing on $1 again. Reload its open pages.", "已重新在 $1 上捕获。请刷新其已打开的页面。"),
    "videoAppOff": ("Capture on $1 is off.", "已关闭 $1 上的捕获。"),
    "videoAppsError": ("Could not change the video apps: $1", "无法更改视频应用：$1"),
    "captureLogLink": ("Capture log: why a video was or was not captured", "捕获日志：视频为何被捕获或未被捕获"),
    "captureLogTitle": ("Video Keeper capture log", "Video Keeper 捕获日志"),
    "captureLogHint": (
        "The last 200 responses Video Keeper looked at on the sites it captures: what read them and what they held. Only addresses without their query, types and sizes are kept, never contents; the log is cleared when the browser closes.",
        "Video Keeper 在其捕获的网站上查看过的最近 200 个响应：由什么读取、包含什么。只保存不含查询参数的地址、类型和大小，从不保存内容；浏览器关闭时日志即被清除。",
    ),
    "logTime": ("Time", "时间"),
    "logSite": ("Site", "网站"),
    "logPath": ("Request", "请求"),
    "logType": ("Type", "类型"),
    "logSize": ("Characters", "字符数"),
    "logReadBy": ("Read by", "读取方"),
    "logOutcome": ("Outcome", "结果"),
    "logExport": ("Export report", "导出报告"),
    "logRefresh": ("Refresh", "刷新"),
    "logClear": ("Clear", "清空"),
    "logEmpty": ("Nothing looked at yet in this browser session.", "本次浏览器会话中尚未查看任何响应。"),
    "logCount": ("$1 responses, newest first.", "$1 个响应，最新的在前。"),
    "logError": ("Could not read the capture log: $1", "无法读取捕获日志：$1"),
    "logOpen": ("still streaming", "仍在传输"),
    "logFound": ("found $1", "找到 $1 个"),
    "logNothing": ("read, no video in it", "已读取，其中没有视频"),
    "logSkipped": ("skipped: nothing understood it", "已跳过：无法识别其格式"),
    "logGenericUnknownShape": ("unknown shape: kept $1 with the generic reader", "格式未知：已用通用读取器保留 $1 个"),
    "logGenericKept": ("kept $1 with the generic reader", "已用通用读取器保留 $1 个"),
    # About & privacy page (entrypoints/about), linked from the options page
    "aboutTitle": ("About & privacy", "关于与隐私"),
    "aboutVersion": ("Video Keeper $1", "Video Keeper 视频收藏 $1"),
    # Copies by default on the video apps, the story in the file, the ZIP of a selection
    "offlineKeepApps": ("Keep an offline copy of each done video of the video apps", "为视频应用的每个已完成视频保存离线副本"),
    "offlineKeepAppsHint": (
        "On by default. Sora, Jimeng, Vidu and the other video apps sign their links to expire within hours or days. Their videos and covers come from the apps' own hosts, which Video Keeper may read since it was installed, so this asks for no permission. Copies stay within the space below; none is ever deleted by itself.",
        "默认开启。Sora、即梦、Vidu 等视频应用的链接会在几小时或几天内失效。它们的视频和封面来自应用自己的主机，Video Keeper 安装时即可读取，因此无需额外权限。副本不超过下方空间，也绝不会被自动删除。",
    ),
    "storyEmbed": ("Write the prompt into downloaded MP4 files", "将提示词写入下载的 MP4 文件"),
    "storyEmbedHint": (
        "Title: the prompt, shortened; comment: the whole prompt, site, model, task and page; also the date and “Video Keeper” as encoder. The video and sound are not changed. Works when the file can be read: from its offline copy, or from a video app's host.",
        "标题：缩短的提示词；注释：完整提示词、网站、模型、任务和页面；另有日期，编码器为“Video Keeper”。视频和声音不变。需要能读取文件：来自离线副本或视频应用的主机。",
    ),
    "storySidecar": ("Save a .json with the prompt beside videos downloaded from their link", "对按链接下载的视频，在旁边保存含提示词的 .json"),
    "storySidecarHint": (
        "For videos whose file cannot be read (no offline copy, a host Video Keeper may not read), the prompt cannot go into the file; it goes into a .json of the same name.",
        "对于无法读取文件的视频（没有离线副本，或 Video Keeper 无权读取该主机），提示词无法写入文件，将保存到同名 .json 中。",
    ),
    "offlineFull": (
        "The space for offline copies is full: $1 videos were not copied ($2 of $3 used). Nothing is deleted by itself.",
        "离线副本空间已满：$1 个视频未能保存副本（已用 $2 / $3）。不会自动删除任何副本。",
    ),
    "offlineRaise": ("Raise the limit", "提高上限"),
    "offlineFree": ("Free space", "释放空间"),
    "zipDownload": ("Download as ZIP", "下载为 ZIP"),
    "zipTitle": ("ZIP of $1 videos", "$1 个视频的 ZIP"),
    "zipFailed": ("The ZIP could not be made: $1", "无法生成 ZIP：$1"),
    "zipNotFetched": ("Not in the ZIP, see errors.txt: $1", "未放入 ZIP，见 errors.txt：$1"),
    "zipErrorsHeader": ("These files could not be fetched and are not in this ZIP:", "以下文件无法获取，未放入此 ZIP："),
}

ROOT = Path(__file__).resolve().parent / "public" / "_locales"


def entry(text: str) -> dict:
    placeholders = {}

    def name(match: re.Match) -> str:
        placeholders[f"arg{match.group(1)}"] = {"content": f"${match.group(1)}"}
        return f"$ARG{match.group(1)}$"

    result = {"message": re.sub(r"\$(\d)", name, text)}
    if placeholders:
        result["placeholders"] = placeholders
    return result


if __name__ == "__main__":
    for index, locale in enumerate(("en", "zh_CN")):
        folder = ROOT / locale
        folder.mkdir(parents=True, exist_ok=True)
        data = {key: entry(texts[index]) for key, texts in MESSAGES.items()}
        (folder / "messages.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
