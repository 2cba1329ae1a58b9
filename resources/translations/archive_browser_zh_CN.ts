<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Archive Browser</source>
        <translation>关于新闻档案浏览器</translation>
    </message>
    <message>
        <source>An offline browser for Chinese news archives: every substring found, two articles side by side, excerpts with their sources. It never uses the network.</source>
        <translation>离线的中文新闻档案浏览器：任何字串都能找到，两篇文章并排对照，摘录附带出处。从不使用网络。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出现了意外错误：{error}</translation>
    </message>
    <message>
        <source>The details were written to {path}.</source>
        <translation>详细信息已写入 {path}。</translation>
    </message>
    <message>
        <source>Archive Browser</source>
        <translation>新闻档案浏览器</translation>
    </message>
</context>
<context>
    <name>BookmarkDialog</name>
    <message>
        <source>Edit bookmark</source>
        <translation>编辑书签</translation>
    </message>
    <message>
        <source>Bookmark passage</source>
        <translation>摘录段落</translation>
    </message>
    <message>
        <source>No city</source>
        <translation>未注明城市</translation>
    </message>
    <message>
        <source>Optional note</source>
        <translation>备注（可不填）</translation>
    </message>
    <message>
        <source>Enter saves; Shift+Enter starts a new line</source>
        <translation>回车保存；Shift+回车换行</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>摘录</translation>
    </message>
</context>
<context>
    <name>BookmarksPanel</name>
    <message>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Put the removed bookmarks back (Ctrl+Z)</source>
        <translation>恢复刚删除的书签（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export the selected bookmarks (all if none is selected)</source>
        <translation>导出所选书签（未选时导出全部）</translation>
    </message>
    <message>
        <source>{city} ({n})</source>
        <translation>{city}（{n}）</translation>
    </message>
    <message>
        <source>No city</source>
        <translation>未注明城市</translation>
    </message>
    <message>
        <source>{n} bookmarks in {c} cities</source>
        <translation>共 {n} 条书签，{c} 个城市</translation>
    </message>
    <message>
        <source>{n} no longer found in their documents (kept, marked ⚠)</source>
        <translation>{n} 条在原文中已找不到（已保留，标 ⚠）</translation>
    </message>
    <message>
        <source>No bookmarks yet. Select a passage in the reader and press Ctrl+D.</source>
        <translation>还没有书签。在阅读区选中一段文字，按 Ctrl+D 摘录。</translation>
    </message>
    <message>
        <source>[Whole] {title}</source>
        <translation>［全文］{title}</translation>
    </message>
    <message>
        <source>This passage is no longer in its document; the saved quote is kept.</source>
        <translation>原文中已找不到这段文字；收藏时的摘录已保留。</translation>
    </message>
    <message>
        <source>Open on the left</source>
        <translation>在左侧打开</translation>
    </message>
    <message>
        <source>Open on the right (compare)</source>
        <translation>在右侧打开（对照）</translation>
    </message>
    <message>
        <source>Edit note and city…</source>
        <translation>编辑备注和城市…</translation>
    </message>
    <message>
        <source>Export selected…</source>
        <translation>导出所选…</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare mode</source>
        <translation>对照模式</translation>
    </message>
    <message>
        <source>Align the two documents by section and question</source>
        <translation>按栏目和问题对齐两篇文章</translation>
    </message>
    <message>
        <source>Lock scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <source>Scroll both panes together</source>
        <translation>两侧一起滚动</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Mark what differs between the two documents, character by character</source>
        <translation>逐字标出两篇文档的不同之处</translation>
    </message>
    <message>
        <source>Export differences…</source>
        <translation>导出差异…</translation>
    </message>
    <message>
        <source>Save the marked differences as Markdown or HTML</source>
        <translation>把标出的差异存为 Markdown 或 HTML</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>交换</translation>
    </message>
    <message>
        <source>Swap the left and right documents</source>
        <translation>交换左右两篇文章</translation>
    </message>
    <message>
        <source>Close right</source>
        <translation>关闭右侧</translation>
    </message>
    <message>
        <source>Close the right pane</source>
        <translation>关闭右侧阅读区</translation>
    </message>
    <message>
        <source>Two documents side by side</source>
        <translation>两篇并排对照</translation>
    </message>
    <message>
        <source>Ctrl+Enter on a result opens it on the right</source>
        <translation>在结果上按 Ctrl+Enter 可在右侧打开，并排对照</translation>
    </message>
    <message>
        <source>Export differences</source>
        <translation>导出差异</translation>
    </message>
    <message>
        <source>Markdown (*.md);;HTML (*.html)</source>
        <translation>Markdown (*.md);;HTML (*.html)</translation>
    </message>
    <message>
        <source>%1% the same</source>
        <translation>相同 %1%</translation>
    </message>
    <message>
        <source>%1 change(s)</source>
        <translation>改动 %1 处</translation>
    </message>
    <message>
        <source>%1 section(s) cut</source>
        <translation>删去 %1 节</translation>
    </message>
    <message>
        <source>%1 section(s) added</source>
        <translation>新增 %1 节</translation>
    </message>
    <message>
        <source>%1 likely OCR error(s)</source>
        <translation>疑似识别错误 %1 处</translation>
    </message>
    <message>
        <source>%1 spacing difference(s)</source>
        <translation>空白差异 %1 处</translation>
    </message>
</context>
<context>
    <name>ConcordanceView</name>
    <message>
        <source>Query, e.g. 工会</source>
        <translation>查询，例如 工会</translation>
    </message>
    <message>
        <source>Context: </source>
        <translation>上下文：</translation>
    </message>
    <message>
        <source>Concordance</source>
        <translation>语境索引</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>左文</translation>
    </message>
    <message>
        <source>Hit</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>右文</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在检索…</translation>
    </message>
    <message>
        <source>By city</source>
        <translation>按城市</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>{n} hits in {d} documents</source>
        <translation>{d} 篇文档中共 {n} 处</translation>
    </message>
    <message>
        <source>Export concordance</source>
        <translation>导出语境索引</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel (*.xlsx);;Markdown (*.md);;Word (*.docx);;PDF (*.pdf);;HTML (*.html);;Text (*.txt)</source>
        <translation>CSV (*.csv);;Excel (*.xlsx);;Markdown (*.md);;Word (*.docx);;PDF (*.pdf);;HTML (*.html);;文本 (*.txt)</translation>
    </message>
    <message>
        <source>Wrote {n} rows to {path}</source>
        <translation>已写入 {n} 行：{path}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export excerpts</source>
        <translation>导出摘录</translation>
    </message>
    <message>
        <source>Selected bookmarks ({n})</source>
        <translation>所选书签（{n}）</translation>
    </message>
    <message>
        <source>All bookmarks ({n})</source>
        <translation>全部书签（{n}）</translation>
    </message>
    <message>
        <source>Search results for “{q}” ({n})</source>
        <translation>“{q}”的搜索结果（{n}）</translation>
    </message>
    <message>
        <source>Plain text (.txt)</source>
        <translation>纯文本 (.txt)</translation>
    </message>
    <message>
        <source>CSV for spreadsheets (.csv)</source>
        <translation>CSV 表格 (.csv)</translation>
    </message>
    <message>
        <source>Excerpts</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>Excerpts: {q}</source>
        <translation>摘录：{q}</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Title, person, paper, date, page</source>
        <translation>题名、人物、报纸、日期、版次</translation>
    </message>
    <message>
        <source>GB/T 7714-2015 (作者. 题名[N]. 报纸名, 日期(版次).)</source>
        <translation>GB/T 7714-2015（作者. 题名[N]. 报纸名, 日期(版次).）</translation>
    </message>
    <message>
        <source>Cite files by their full path (not only the file name)</source>
        <translation>引用文件时写完整路径（而不只是文件名）</translation>
    </message>
    <message>
        <source>Excerpts from</source>
        <translation>摘录来源</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Citations</source>
        <translation>引用格式</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Nothing to export yet: bookmark passages or run a search first.</source>
        <translation>还没有可导出的内容：请先摘录段落或进行搜索。</translation>
    </message>
    <message>
        <source>Preview (plain text)</source>
        <translation>预览（纯文本）</translation>
    </message>
    <message>
        <source>Preview (Markdown)</source>
        <translation>预览（Markdown）</translation>
    </message>
    <message>
        <source>Preview (Markdown; the {fmt} file carries the same text and citations)</source>
        <translation>预览（以 Markdown 显示；{fmt} 文件包含相同的文字和出处）</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The file was not saved.

{reason}</source>
        <translation>文件没有保存。

{reason}</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>IndexPanel</name>
    <message>
        <source>Folders and files in the archive</source>
        <translation>档案中的文件夹和文件</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Re-scan</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>Index new and changed files in the archive&apos;s folders</source>
        <translation>为档案文件夹中新增和修改过的文件建立索引</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected folder from the archive (the files stay on disk)</source>
        <translation>从档案中移除所选文件夹（磁盘上的文件不受影响）</translation>
    </message>
    <message>
        <source>Tip: drag files or folders onto the window to add them.</source>
        <translation>提示：把文件或文件夹拖到窗口上即可添加。</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>正在建立索引</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Skipped file</source>
        <translation>跳过的文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Folders in the archive</source>
        <translation>档案中的文件夹</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>{done} of {total} files · {name}</source>
        <translation>{done} / {total} 个文件 · {name}</translation>
    </message>
    <message>
        <source>Indexed {done} / {expected} — unfinished. Re-scan continues from where it stopped; search results are partial until then.</source>
        <translation>已索引 {done} / {expected} — 未完成。重新扫描会从中断处继续；在此之前搜索结果只是部分结果。</translation>
    </message>
    <message>
        <source>Cancelling: finishing the current file…</source>
        <translation>正在取消：处理完当前文件后停止…</translation>
    </message>
    <message>
        <source>Added {a}, updated {u}, removed {r}, unchanged {n}, skipped {s}.</source>
        <translation>新增 {a}，更新 {u}，删除 {r}，未变 {n}，跳过 {s}。</translation>
    </message>
    <message>
        <source>Indexing was cancelled; what was indexed so far is kept.</source>
        <translation>索引已取消；已完成的部分会保留。</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Web pages</source>
        <translation>网页</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>{name}: {read} read, {ocr} of them by OCR, {skipped} skipped</source>
        <translation>{name}：读取 {read} 个，其中文字识别 {ocr} 个，跳过 {skipped} 个</translation>
    </message>
    <message>
        <source>Skipped files ({n}): not indexed, with the reason</source>
        <translation>跳过的文件（{n}）：未建立索引，原因如下</translation>
    </message>
    <message>
        <source>No files were skipped.</source>
        <translation>没有跳过任何文件。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Archive Browser: Chinese news archive</source>
        <translation>新闻档案浏览器</translation>
    </message>
    <message>
        <source>{n} matches</source>
        <translation>匹配 {n} 处</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>person</source>
        <translation>人物</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>words apart</source>
        <translation>分开出现</translation>
    </message>
    <message>
        <source>OCR variant {v}</source>
        <translation>识别错误 {v}</translation>
    </message>
    <message>
        <source>Matched: {what}</source>
        <translation>命中：{what}</translation>
    </message>
    <message>
        <source>{n}×</source>
        <translation>{n} 处</translation>
    </message>
    <message>
        <source>Possible OCR misreadings: {n} documents</source>
        <translation>可能的识别错误：{n} 篇</translation>
    </message>
    <message>
        <source>the query with one character misread; not counted above</source>
        <translation>检索词有一个字被识别错；不计入上面的结果</translation>
    </message>
    <message>
        <source>{n} more versions (Space shows them)</source>
        <translation>另有 {n} 个版本（按空格键展开）</translation>
    </message>
    <message>
        <source>{n} more versions (Space hides them)</source>
        <translation>另有 {n} 个版本（按空格键收起）</translation>
    </message>
    <message>
        <source>another version of the story above</source>
        <translation>上面报道的另一个版本</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>档案</translation>
    </message>
    <message>
        <source>Concordance</source>
        <translation>语境索引</translation>
    </message>
    <message>
        <source>Opening the archive…</source>
        <translation>正在打开档案…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Removed {n} bookmark(s). Undo: Ctrl+Z in the bookmarks, or the Undo button.</source>
        <translation>已删除 {n} 条书签。撤销：在书签中按 Ctrl+Z，或点“撤销”按钮。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Re-scan the archive</source>
        <translation>重新扫描档案</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Next hit</source>
        <translation>下一处</translation>
    </message>
    <message>
        <source>Previous hit</source>
        <translation>上一处</translation>
    </message>
    <message>
        <source>Search syntax</source>
        <translation>搜索语法</translation>
    </message>
    <message>
        <source>&amp;Reader</source>
        <translation>阅读(&amp;R)</translation>
    </message>
    <message>
        <source>Left pane</source>
        <translation>左侧阅读区</translation>
    </message>
    <message>
        <source>Right pane</source>
        <translation>右侧阅读区</translation>
    </message>
    <message>
        <source>Bookmark selection</source>
        <translation>摘录所选文字</translation>
    </message>
    <message>
        <source>Bookmark whole document</source>
        <translation>收藏全文</translation>
    </message>
    <message>
        <source>Copy with citation</source>
        <translation>复制（附出处）</translation>
    </message>
    <message>
        <source>Open the original file</source>
        <translation>打开原始文件</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大字号</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小字号</translation>
    </message>
    <message>
        <source>Show original OCR text</source>
        <translation>显示原始 OCR 文本</translation>
    </message>
    <message>
        <source>Compare mode</source>
        <translation>对照模式</translation>
    </message>
    <message>
        <source>Lock scrolling</source>
        <translation>同步滚动</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Se&amp;ttings</source>
        <translation>设置(&amp;T)</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>About Archive Browser</source>
        <translation>关于新闻档案浏览器</translation>
    </message>
    <message>
        <source>Excerpts</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>The file is no longer there: {path}</source>
        <translation>文件已不在原处：{path}</translation>
    </message>
    <message>
        <source>No program could open {path}</source>
        <translation>没有程序能打开 {path}</translation>
    </message>
    <message>
        <source>Move in the results / open on the left</source>
        <translation>在结果中移动 / 在左侧打开</translation>
    </message>
    <message>
        <source>Open on the right</source>
        <translation>在右侧打开</translation>
    </message>
    <message>
        <source>Left / right pane</source>
        <translation>左侧 / 右侧阅读区</translation>
    </message>
    <message>
        <source>Next / previous hit</source>
        <translation>下一处 / 上一处</translation>
    </message>
    <message>
        <source>Bookmark the selection</source>
        <translation>摘录所选文字</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>The language changes the next time the program starts.</source>
        <translation>界面语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>The archive could not be opened</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <source>Archive Browser</source>
        <translation>新闻档案浏览器</translation>
    </message>
    <message>
        <source>The archive in {path} could not be opened:
{reason}</source>
        <translation>无法打开 {path} 中的档案：
{reason}</translation>
    </message>
    <message>
        <source>The last indexing run did not finish; continuing it.</source>
        <translation>上次索引没有完成，正在从中断处继续。</translation>
    </message>
    <message>
        <source>{d} documents · {c} cities</source>
        <translation>{d} 篇文档 · {c} 个城市</translation>
    </message>
    <message>
        <source>Index ready</source>
        <translation>索引就绪</translation>
    </message>
    <message>
        <source>Indexed {done} / {expected} — unfinished</source>
        <translation>已索引 {done} / {expected} — 未完成</translation>
    </message>
    <message>
        <source>{n} documents found</source>
        <translation>找到 {n} 篇文档</translation>
    </message>
    <message>
        <source>{n} stories</source>
        <translation>{n} 个报道</translation>
    </message>
    <message>
        <source>(showing {k})</source>
        <translation>（显示前 {k} 篇）</translation>
    </message>
    <message>
        <source>All {n} documents (type to search)</source>
        <translation>全部 {n} 篇文档（输入关键词开始搜索）</translation>
    </message>
    <message>
        <source>· {n} more may hold it misread by OCR (below)</source>
        <translation>· 另有 {n} 篇可能因识别错误而写错（见下方）</translation>
    </message>
    <message>
        <source>Indexing is under way: results are partial until it finishes.</source>
        <translation>正在建立索引：完成之前，结果只是部分结果。</translation>
    </message>
    <message>
        <source>Indexing did not finish: results are partial. Re-scan to continue.</source>
        <translation>索引未完成：结果只是部分结果。重新扫描即可继续。</translation>
    </message>
    <message>
        <source>Search took {ms} ms</source>
        <translation>搜索用时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>The search could not run: {reason}</source>
        <translation>无法搜索：{reason}</translation>
    </message>
    <message>
        <source>Date saved.</source>
        <translation>日期已保存。</translation>
    </message>
    <message>
        <source>Correct the date</source>
        <translation>更正日期</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <source>Text size {size} pt</source>
        <translation>字号 {size} 磅</translation>
    </message>
    <message>
        <source>Open a document first.</source>
        <translation>请先打开一篇文档。</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>书签</translation>
    </message>
    <message>
        <source>Bookmarked under {city}</source>
        <translation>已摘录到“{city}”</translation>
    </message>
    <message>
        <source>No city</source>
        <translation>未注明城市</translation>
    </message>
    <message>
        <source>Bookmarks ({n})</source>
        <translation>书签（{n}）</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>Add a folder to the archive</source>
        <translation>向档案添加文件夹</translation>
    </message>
    <message>
        <source>Add files to the archive</source>
        <translation>向档案添加文件</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Wait until indexing has finished.</source>
        <translation>请等索引完成后再操作。</translation>
    </message>
    <message>
        <source>Remove folder</source>
        <translation>移除文件夹</translation>
    </message>
    <message>
        <source>Remove {path} from the archive? The files stay on disk.</source>
        <translation>从档案中移除 {path}？磁盘上的文件不受影响。</translation>
    </message>
    <message>
        <source>Cancelling indexing…</source>
        <translation>正在取消索引…</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>正在建立索引…</translation>
    </message>
    <message>
        <source>Indexing {done} / {total}</source>
        <translation>正在索引 {done} / {total}</translation>
    </message>
    <message>
        <source>Indexing cancelled</source>
        <translation>索引已取消</translation>
    </message>
    <message>
        <source>{n} files were skipped: see the Archive tab</source>
        <translation>跳过了 {n} 个文件：详见“档案”页</translation>
    </message>
    <message>
        <source>Indexing failed</source>
        <translation>索引失败</translation>
    </message>
    <message>
        <source>Indexing failed: {reason}</source>
        <translation>索引失败：{reason}</translation>
    </message>
    <message>
        <source>Adding {n} item(s) to the archive…</source>
        <translation>正在向档案添加 {n} 项…</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <source>Double-click a result to read it here. Ctrl+Enter opens another one on the right, to read the two side by side.</source>
        <translation>双击左侧的搜索结果，在这里阅读。
在结果上按 Ctrl+Enter，可在右侧再打开一篇，两篇并排对照。</translation>
    </message>
    <message>
        <source>Ctrl+Enter or the context menu opens a result here, to compare it with the left one.</source>
        <translation>在结果上按 Ctrl+Enter（或右键选“在右侧打开”），在这里打开另一篇，与左侧对照阅读。</translation>
    </message>
    <message>
        <source>Previous hit (Shift+F3)</source>
        <translation>上一处 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next hit (F3)</source>
        <translation>下一处 (F3)</translation>
    </message>
    <message>
        <source>Smaller text (Ctrl+-)</source>
        <translation>缩小字号 (Ctrl+-)</translation>
    </message>
    <message>
        <source>Larger text (Ctrl+=)</source>
        <translation>放大字号 (Ctrl+=)</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>摘录</translation>
    </message>
    <message>
        <source>Bookmark the selected passage (Ctrl+D)</source>
        <translation>摘录所选段落 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>收藏全文</translation>
    </message>
    <message>
        <source>Bookmark the whole document</source>
        <translation>收藏整篇文档</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Show the original OCR text</source>
        <translation>显示原始 OCR 文本</translation>
    </message>
    <message>
        <source>Copy with citation</source>
        <translation>复制（附出处）</translation>
    </message>
    <message>
        <source>Bookmark whole document</source>
        <translation>收藏全文</translation>
    </message>
    <message>
        <source>Show the page image beside the text</source>
        <translation>在文字旁显示页面图像</translation>
    </message>
    <message>
        <source>Page </source>
        <translation>第 </translation>
    </message>
    <message>
        <source>The page at the top of the text; change it to go to another page</source>
        <translation>当前位于顶部的页；改动即可跳到其他页</translation>
    </message>
    <message>
        <source>Reporters: {names}</source>
        <translation>记者 {names}</translation>
    </message>
    <message>
        <source>, page {e}</source>
        <translation>，第 {e} 版</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>共 {n} 页</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>开篇</translation>
    </message>
    <message>
        <source>Q{n} {words}</source>
        <translation>问{n} {words}</translation>
    </message>
    <message>
        <source>No hits</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>{n} hits</source>
        <translation>共 {n} 处</translation>
    </message>
    <message>
        <source>Hit {i} of {n}</source>
        <translation>第 {i} / {n} 处</translation>
    </message>
    <message>
        <source> of {n}</source>
        <translation> / {n} 页</translation>
    </message>
    <message>
        <source>The page image cannot be shown (the file is gone or unreadable).</source>
        <translation>无法显示页面图像（文件已不在或无法读取）。</translation>
    </message>
    <message>
        <source>Text size {size} pt</source>
        <translation>字号 {size} 磅</translation>
    </message>
    <message>
        <source>Select a passage first, then press Ctrl+D (or bookmark the whole document).</source>
        <translation>请先选中一段文字再按 Ctrl+D（或收藏全文）。</translation>
    </message>
    <message>
        <source>Select a passage to copy.</source>
        <translation>请先选中要复制的文字。</translation>
    </message>
    <message>
        <source>Copied with its citation.</source>
        <translation>已复制，并附上出处。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Bookmark passage…</source>
        <translation>摘录段落…</translation>
    </message>
    <message>
        <source>Correct the date…</source>
        <translation>更正日期…</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Correct the date</source>
        <translation>更正日期</translation>
    </message>
    <message>
        <source>Publication date (2024, 2024-10 or 2024-10-06; empty: the date found in the file):</source>
        <translation>发表日期（2024、2024-10 或 2024-10-06；留空：用文件中找到的日期）：</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Open on the left</source>
        <translation>在左侧打开</translation>
    </message>
    <message>
        <source>Open on the right</source>
        <translation>在右侧打开</translation>
    </message>
    <message>
        <source>Show or hide the other versions (Space)</source>
        <translation>显示或隐藏其他版本（空格键）</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search the full text, e.g. 劳模工匠</source>
        <translation>全文搜索，例如：劳模工匠</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Search syntax</source>
        <translation>搜索语法</translation>
    </message>
    <message>
        <source>Click a city to show only its documents</source>
        <translation>点击城市，只看该市的文档</translation>
    </message>
    <message>
        <source>By relevance</source>
        <translation>按相关度</translation>
    </message>
    <message>
        <source>By city</source>
        <translation>按城市</translation>
    </message>
    <message>
        <source>By series number</source>
        <translation>按系列号</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>日期从早到晚</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>日期从晚到早</translation>
    </message>
    <message>
        <source>Show every version separately</source>
        <translation>每个版本单独显示</translation>
    </message>
    <message>
        <source>Copies of one story (reprints, OCR runs) are one row unless this is on</source>
        <translation>同一报道的多个版本（转载、重复识别）合为一行，勾选后逐个显示</translation>
    </message>
    <message>
        <source>All cities  {n}</source>
        <translation>全部城市  {n}</translation>
    </message>
    <message>
        <source>All people</source>
        <translation>全部人物</translation>
    </message>
    <message>
        <source>All series</source>
        <translation>全部系列</translation>
    </message>
</context>
<context>
    <name>SyntaxHelp</name>
    <message>
        <source>every document containing these exact characters</source>
        <translation>包含这几个字（连续出现）的所有文档</translation>
    </message>
    <message>
        <source>both words (AND)</source>
        <translation>同时包含两个词（AND）</translation>
    </message>
    <message>
        <source>an exact phrase</source>
        <translation>精确短语</translation>
    </message>
    <message>
        <source>either word</source>
        <translation>包含任一词</translation>
    </message>
    <message>
        <source>leave out documents with a word</source>
        <translation>排除包含某词的文档</translation>
    </message>
    <message>
        <source>only one city (also person: title: series:)</source>
        <translation>只看某个城市（还有 人物: 标题: 系列:）</translation>
    </message>
    <message>
        <source>Search syntax</source>
        <translation>搜索语法</translation>
    </message>
    <message>
        <source>Spaces and OCR breaks inside words are ignored; results update as you type.</source>
        <translation>词语中的空格和 OCR 断行会被忽略；输入时结果即时更新。</translation>
    </message>
</context>
<context>
    <name>TimelineDock</name>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Articles without a date: {n}</source>
        <translation>无日期的文章：{n} 篇</translation>
    </message>
    <message>
        <source>No dated articles</source>
        <translation>没有带日期的文章</translation>
    </message>
</context>
</TS>
