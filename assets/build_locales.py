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
    "offlineKeep": ("Keep an offline copy of each new video and its cover", "为每个新视频及其封面保存离线副本"),
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
    "linkExpired": ("Link expired", "链接已过期"),
    "download": ("Download", "下载"),
    "copyLink": ("Copy link", "复制链接"),
    "openVideo": ("Open video", "打开视频"),
    "emptyTitle": ("No videos yet.", "还没有视频。"),
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
    "statusPartial": ("Partial", "部分"),
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
    "importedLog": ("Read $1 streams from the log; $2 videos found.", "从记录中读取了 $1 个流；找到 $2 个视频。"),
    "clearLibrary": ("Delete all videos…", "删除全部视频…"),
    "clearConfirm": (
        "Delete every video from the library? Downloaded files stay on disk. Export first to keep a copy.",
        "从视频库中删除全部视频？已下载的文件会保留在磁盘上。如需保留副本，请先导出。",
    ),
    "exportedCount": ("Exported $1 videos.", "已导出 $1 个视频。"),
    "exportedOne": ("Exported 1 video.", "已导出 1 个视频。"),
    "importedCount": ("Imported $1 videos.", "已导入 $1 个视频。"),
    "importedSkipped": ("Imported $1 videos; skipped $2 broken entries.", "已导入 $1 个视频；跳过 $2 个损坏的条目。"),
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
        "Videos generated on enabled sites appear here: $1 (any port) and known chat hosts ($2).",
        "在已开启捕获的网站上生成的视频会显示在这里：$1（任意端口）以及已知的聊天网站（$2）。",
    ),
    "entryLabel": ("$1, $2", "$1，$2"),
    "facetCount": ("$1 ($2)", "$1（$2）"),
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
